// CSV as démarches simplifiées and spreadsheets export it: optional BOM, "," or ";" separators,
// quoted fields with doubled quotes and line breaks inside.

/** RFC 4180 parsing with the given separator. Throws on an unterminated quoted field. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('Could not parse text.');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The separator of the header line: the one of ";" and "," found most often outside quotes. */
export function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Parses an export file's text: strips the BOM, detects the separator, drops blank lines. */
export function parseExportCsv(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return parseCsv(body, detectDelimiter(body)).filter((row) =>
    row.some((cell) => cell.trim() !== ''),
  );
}

/**
 * One cell of a CSV file for a spreadsheet: text a spreadsheet would read as a formula (starting
 * with = + - @, or with a TAB or CR that it may skip before one) gets a leading apostrophe; a cell
 * holding a separator (";" or ","), a quote or a line break is quoted.
 */
export function csvCell(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value, ';,');
}

/** A CSV field, quoted when it holds one of the separators, a quote or a line break. */
export function csvField(text: string, separators: string): string {
  const needsQuotes = /["\n\r]/.test(text) || [...separators].some((s) => text.includes(s));
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of fields as CSV text, lines ended by CRLF as spreadsheets write them. */
export function csvText(
  rows: readonly (readonly string[])[],
  separator: string,
  field: (text: string) => string = (text) => csvField(text, separator),
): string {
  return `${rows.map((r) => r.map(field).join(separator)).join('\r\n')}\r\n`;
}
