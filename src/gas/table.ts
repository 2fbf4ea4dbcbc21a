// A sheet read as a table of records by header name, in one read, and written back one owned
// column block at a time. The tool never rewrites a column it does not own, never moves or deletes
// a user's row, and every text it writes stays text (never a formula, number or date).

import { UserError } from '../core/errors';
import {
  type CellValue,
  type ColumnSpec,
  type SheetSpec,
  columnKeys,
  matchHeaders,
  numberFormatOf,
} from '../core/schema';
import {
  DEFAULT_PLAIN_TEXT,
  PLAIN_TEXT_PROPERTY,
  type PlainTextBehaviour,
  literalCellText,
  parsePlainTextBehaviour,
} from '../core/text';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type { CellValue };

export interface TableRow {
  /** Row number in the sheet (1-based; the header is row 1). */
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

export interface Table {
  readonly sheet: Sheet;
  readonly spec: SheetSpec;
  readonly positions: ReadonlyMap<string, number>;
  readonly missing: readonly ColumnSpec[];
  /** Every row below the header, empty ones included, in sheet order. */
  readonly rows: readonly TableRow[];
  readonly lastColumn: number;
  /**
   * The keys whose cells were read (readColumns); undefined when the whole sheet was. A key left
   * out reads as absent, and a write that compares with what was read refuses it.
   */
  readonly read?: ReadonlySet<string>;
}

/** A table read whole (readTable): also the values as read, header first, every column. */
export interface FullTable extends Table {
  readonly values: readonly (readonly CellValue[])[];
}

export function requireSheet(spreadsheet: Spreadsheet, spec: SheetSpec): Sheet {
  const sheet = spreadsheet.getSheetByName(spec.name);
  if (!sheet) {
    throw new UserError(
      `La feuille « ${spec.name} » est introuvable. Lancez « Groupement d'achats › Initialiser / réparer le classeur ».`,
    );
  }
  return sheet;
}

/** The UserError naming the required columns a header lacks. */
function assertRequired(
  spec: SheetSpec,
  missing: readonly ColumnSpec[],
  required: readonly string[],
): void {
  const missingRequired = missing.filter((c) => required.includes(c.key));
  if (missingRequired.length > 0) {
    const names = missingRequired.map((c) => `« ${c.header} »`).join(', ');
    throw new UserError(
      `Feuille « ${spec.name} », ligne 1 : ${missingRequired.length > 1 ? 'colonnes introuvables' : 'colonne introuvable'} : ${names}. ` +
        `Rétablissez l'en-tête ou lancez « Initialiser / réparer le classeur ».`,
    );
  }
}

/**
 * Reads the whole sheet in one call. `required` columns must be present, else a UserError names
 * those missing; other spec columns may be absent (their cells read as ''). `found`: the sheet,
 * when the caller already looked it up.
 */
export function readTable(
  spreadsheet: Spreadsheet,
  spec: SheetSpec,
  required: readonly string[] = columnKeys(spec),
  found?: Sheet,
): FullTable {
  const sheet = found ?? requireSheet(spreadsheet, spec);
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const header = values[0] ?? [];
  const { positions, missing } = matchHeaders(spec, header);
  assertRequired(spec, missing, required);
  const hasData = values.length > 1 || header.some((v) => v !== '');
  const rows: TableRow[] = [];
  for (let r = 1; r < values.length; r++) {
    const line = values[r];
    const cells: Record<string, CellValue> = {};
    for (const column of spec.columns) {
      const position = positions.get(column.key);
      cells[column.key] = position === undefined ? '' : (line[position - 1] ?? '');
    }
    rows.push({ row: r + 1, cells });
  }
  return { sheet, spec, positions, missing, rows, lastColumn: hasData ? header.length : 0, values };
}

/**
 * Reads only some columns of a sheet: the header, then one getValues per run of adjacent wanted
 * columns, down to the last row. The number of calls does not depend on the number of rows, and
 * the cells read are those the operation uses. Rows are the same as readTable's; a column not
 * asked for is absent from each row's cells (a spec column missing from the sheet reads as '').
 */
export function readColumns(
  spreadsheet: Spreadsheet,
  spec: SheetSpec,
  keys: readonly string[],
  required: readonly string[] = keys,
): Table {
  const sheet = requireSheet(spreadsheet, spec);
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const header =
    lastRow > 0 && lastColumn > 0
      ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] as CellValue[])
      : [];
  const { positions, missing } = matchHeaders(spec, header);
  assertRequired(spec, missing, required);
  const wanted = spec.columns.filter((c) => keys.includes(c.key)).map((c) => c.key);
  const count = Math.max(0, lastRow - 1);
  const cells: Record<string, CellValue>[] = Array.from({ length: count }, () => ({}));
  for (const key of wanted) if (!positions.has(key)) for (const line of cells) line[key] = '';
  const byPosition = new Map(
    wanted.filter((k) => positions.has(k)).map((k) => [positions.get(k) as number, k]),
  );
  if (count > 0) {
    for (const run of contiguousRuns([...byPosition.keys()])) {
      const block = sheet.getRange(2, run[0], count, run.length).getValues() as CellValue[][];
      run.forEach((position, c) => {
        const key = byPosition.get(position) as string;
        block.forEach((line, r) => (cells[r][key] = line[c] ?? ''));
      });
    }
  }
  return {
    sheet,
    spec,
    positions,
    missing,
    rows: cells.map((line, i) => ({ row: i + 2, cells: line })),
    lastColumn: header.length,
    read: new Set(wanted),
  };
}

/** Refuses a key whose cells were not read: comparing with them would compare with nothing. */
function assertRead(table: Table, key: string): void {
  if (table.read && !table.read.has(key))
    throw new Error(`Column ${key} of ${table.spec.name} was not read`);
}

/** True when none of the spec's columns holds anything on this row. */
export function isBlankRow(row: TableRow): boolean {
  return Object.values(row.cells).every((v) => v === '' || v === null);
}

let plainText: PlainTextBehaviour | undefined;

/**
 * How this spreadsheet stores text in Plain-text cells, as "Vérifier l'installation" recorded it
 * in a document property; read once per execution, and only when a Plain-text cell is written.
 */
export function plainTextBehaviour(): PlainTextBehaviour {
  if (!plainText) {
    plainText =
      typeof PropertiesService === 'undefined'
        ? DEFAULT_PLAIN_TEXT
        : parsePlainTextBehaviour(
            PropertiesService.getDocumentProperties().getProperty(PLAIN_TEXT_PROPERTY),
          );
  }
  return plainText;
}

/** Records a probed behaviour: stored for the next executions, used at once by this one. */
export function rememberPlainTextBehaviour(behaviour: PlainTextBehaviour): void {
  PropertiesService.getDocumentProperties().setProperty(
    PLAIN_TEXT_PROPERTY,
    JSON.stringify(behaviour),
  );
  plainText = behaviour;
}

/**
 * Makes a value safe to write into a cell of `numberFormat` ('' when unknown: General): text
 * stays text exactly as given, whichever way this spreadsheet stores a leading apostrophe.
 */
export function toCell(value: CellValue | null | undefined, numberFormat = ''): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return value;
  return literalCellText(
    value,
    numberFormat,
    numberFormat === '@' ? plainTextBehaviour() : DEFAULT_PLAIN_TEXT,
  );
}

/** The number format the tool gives each column of a spec, by key. */
function formatsOf(spec: SheetSpec): Map<string, string> {
  return new Map(spec.columns.map((c) => [c.key, numberFormatOf(c.kind)]));
}

/** The same, by position in a table. */
function formatsByPosition(table: Table): Map<number, string> {
  const formats = formatsOf(table.spec);
  return new Map([...table.positions].map(([key, p]) => [p, formats.get(key) ?? '']));
}

/** Groups column positions into runs of adjacent columns, each written in one call. */
export function contiguousRuns(positions: readonly number[]): number[][] {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const p of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === p - 1) last.push(p);
    else runs.push([p]);
  }
  return runs;
}

/** The position of a tool-owned column to be given one value per table row; throws otherwise. */
function ownedPosition(table: Table, key: string, values: readonly CellValue[]): number {
  const spec = table.spec.columns.find((c) => c.key === key);
  if (!spec) throw new Error(`Unknown column ${key} in ${table.spec.name}`);
  if (spec.owner !== 'tool')
    throw new Error(`Column ${key} of ${table.spec.name} belongs to the user`);
  const position = table.positions.get(key);
  if (position === undefined) throw new Error(`Column ${key} is missing from ${table.spec.name}`);
  if (values.length !== table.rows.length) throw new Error(`Column ${key}: wrong number of values`);
  return position;
}

/**
 * Writes whole columns the tool owns, aligned with table.rows: one setValues per run of adjacent
 * columns. Refuses to write a column owned by the user.
 */
export function writeColumns(
  table: Table,
  columns: Readonly<Record<string, readonly CellValue[]>>,
): void {
  if (table.rows.length === 0) return;
  const byPosition = new Map<number, readonly CellValue[]>();
  for (const [key, values] of Object.entries(columns))
    byPosition.set(ownedPosition(table, key, values), values);
  const formats = formatsByPosition(table);
  for (const run of contiguousRuns([...byPosition.keys()])) {
    const matrix = table.rows.map((_, i) =>
      run.map((p) => toCell((byPosition.get(p) as CellValue[])[i], formats.get(p))),
    );
    table.sheet.getRange(2, run[0], table.rows.length, run.length).setValues(matrix);
  }
}

/**
 * Same contract as writeColumns, but writes only the cells whose value differs from what the table
 * read (dates by instant), through updateCells: a refresh that changes nothing writes nothing, and a
 * formula or an edit between changed cells stays.
 */
export function writeChangedColumns(
  table: Table,
  columns: Readonly<Record<string, readonly CellValue[]>>,
): void {
  const updates: { row: number; key: string; value: CellValue }[] = [];
  for (const [key, values] of Object.entries(columns)) {
    ownedPosition(table, key, values);
    assertRead(table, key);
    table.rows.forEach((row, i) => {
      if (!sameValue(row.cells[key], values[i]))
        updates.push({ row: row.row, key, value: values[i] });
    });
  }
  updateCells(table, updates);
}

/** Makes room for `count` more rows after `lastRow` (a new sheet has 1,000). */
export function ensureRows(sheet: Sheet, lastRow: number, count: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow + count > maxRows) sheet.insertRowsAfter(maxRows, lastRow + count - maxRows);
}

/**
 * Appends new records below the last row, in one write (a run killed before it leaves no partial
 * row). New rows hold nothing of the user's yet, so every spec column is written; columns unknown
 * to the spec are left empty. With `filledColumnsOnly`, the write spans only from the first to the
 * last column that carries a value in some record: the columns outside hold nothing either way.
 * `completedLater`: columns the caller writes again on existing rows whenever they differ (computed
 * columns); they go in later calls, one per run of adjacent filled columns, so that a run killed
 * between the calls leaves rows the next run completes.
 */
export function appendRecords(
  table: Table,
  records: readonly Readonly<Record<string, CellValue | null | undefined>>[],
  {
    filledColumnsOnly = false,
    completedLater = [],
  }: { filledColumnsOnly?: boolean; completedLater?: readonly string[] } = {},
): void {
  if (records.length === 0) return;
  const firstRow = table.rows.length + 2;
  const formats = formatsOf(table.spec);
  const keyAt = new Map([...table.positions].map(([key, p]) => [p, key]));
  const filled = (key: string): boolean =>
    !filledColumnsOnly || records.some((r) => toCell(r[key]) !== '');
  const first = [...table.positions]
    .filter(([key]) => !completedLater.includes(key) && filled(key))
    .map(([, p]) => p);
  const later = [...table.positions]
    .filter(([key]) => completedLater.includes(key) && filled(key))
    .map(([, p]) => p);
  const blocks: number[][] = [];
  if (first.length > 0) {
    const from = filledColumnsOnly ? Math.min(...first) : 1;
    const to = Math.max(...first);
    blocks.push(Array.from({ length: to - from + 1 }, (_, i) => from + i));
  }
  blocks.push(...contiguousRuns(later.filter((p) => !blocks[0]?.includes(p))));
  if (blocks.length === 0) return;
  ensureRows(table.sheet, firstRow - 1, records.length);
  for (const block of blocks) {
    const matrix = records.map((record) =>
      block.map((p) => {
        const key = keyAt.get(p);
        return key === undefined ? '' : toCell(record[key], formats.get(key));
      }),
    );
    table.sheet.getRange(firstRow, block[0], records.length, block.length).setValues(matrix);
  }
}

/** Same value for the purpose of telling a concurrent edit (dates by instant). */
function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? '') === (b ?? '');
}

/**
 * Writes scattered cells of some columns, never a cell it does not change. Per column, a few runs
 * of adjacent rows are written one call each; when the updates are spread over many runs, the block
 * from the first to the last updated row is read again just before the write (values, formulas and
 * number formats: three calls) and written in one call, every cell in between with what it holds at
 * that moment: a formula stays a formula, an edit made while the operation ran stays, and a changed
 * cell that someone edited meanwhile keeps that edit. So a scattered update costs a fixed number of
 * calls per column whatever the number of members; a re-import that changes nothing writes nothing.
 */
export function updateCells(
  table: Table,
  updates: readonly { readonly row: number; readonly key: string; readonly value: CellValue }[],
): void {
  const byColumn = new Map<string, Map<number, CellValue>>();
  for (const update of updates) {
    if (!table.positions.has(update.key))
      throw new Error(`Column ${update.key} is missing from ${table.spec.name}`);
    assertRead(table, update.key);
    const column = byColumn.get(update.key) ?? new Map<number, CellValue>();
    column.set(update.row, update.value);
    byColumn.set(update.key, column);
  }
  const specFormats = formatsOf(table.spec);
  for (const [key, cells] of byColumn) {
    const position = table.positions.get(key) as number;
    const runs = contiguousRuns([...cells.keys()]);
    if (runs.length <= 2) {
      const format = specFormats.get(key);
      for (const run of runs) {
        table.sheet
          .getRange(run[0], position, run.length, 1)
          .setValues(run.map((row) => [toCell(cells.get(row) as CellValue, format)]));
      }
      continue;
    }
    const first = runs[0][0];
    const last = runs[runs.length - 1][runs[runs.length - 1].length - 1];
    const range = table.sheet.getRange(first, position, last - first + 1, 1);
    const now = range.getValues() as CellValue[][];
    const formulas = range.getFormulas();
    const formats = range.getNumberFormats();
    const block: CellValue[][] = now.map((line, i) => {
      const row = first + i;
      const current = line[0];
      const formula = formulas[i][0];
      const format = String(formats[i][0] ?? '');
      const read = table.rows[row - 2]?.cells[key];
      const edited = !sameValue(current, read);
      if (cells.has(row) && !edited) return [toCell(cells.get(row), format)];
      if (formula !== '') return [formula];
      return [toCell(current, format)];
    });
    range.setValues(block);
  }
}

/**
 * The cells of `wanted` whose value differs from what the row holds (dates by instant): a form
 * writes only those, so a formula, or an edit, in a cell it does not change stays.
 */
export function changedCells(
  current: Readonly<Record<string, CellValue>>,
  wanted: Readonly<Record<string, CellValue>>,
): Record<string, CellValue> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => !sameValue(current[key], value)),
  );
}

/** Writes some cells of one row: one setValues per run of adjacent columns. */
export function writeRowCells(
  table: Table,
  row: number,
  cells: Readonly<Record<string, CellValue>>,
): void {
  const byPosition = new Map<number, CellValue>();
  for (const [key, value] of Object.entries(cells)) {
    const position = table.positions.get(key);
    if (position === undefined) throw new Error(`Column ${key} is missing from ${table.spec.name}`);
    byPosition.set(position, value);
  }
  const formats = formatsByPosition(table);
  for (const run of contiguousRuns([...byPosition.keys()])) {
    table.sheet
      .getRange(row, run[0], 1, run.length)
      .setValues([run.map((p) => toCell(byPosition.get(p) as CellValue, formats.get(p)))]);
  }
}
