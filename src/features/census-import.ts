// Importing the démarches simplifiées export (CSV uploaded from the sidebar, or pasted into the
// "Import DS" sheet): upsert into the members sheet by dossier number, then by UAI. New rows are
// appended, changed values updated, nothing is deleted; the result goes to the coordinator and
// the journal.

import { parseExportCsv } from '../core/csv';
import { base64Bytes, decodeText } from '../core/encoding';
import {
  isNewRowNote,
  isSystemHeader,
  type ImportConflict,
  type ImportMemory,
  MEMORY_SHEET_NAME,
  mappingFrom,
  memoryFrom,
  memoryValues,
  sameMemory,
  planUpsert,
  readExportRows,
  type UpsertPlan,
} from '../core/ds-import';
import { IMPORT_SHEET } from '../core/workbook/import-ds';
import { MAPPING_SHEET } from '../core/workbook/mapping';
import { type CellValue, type ColumnSpec, numberFormatOf } from '../core/schema';
import { MEMBERS_SHEET } from '../core/workbook/members';
import { agreement, cellText, formatDateFr, plural } from '../core/text';
import type { ImportOutcome } from '../shared/api';
import { Journal } from '../gas/journal';
import { configurationReport } from '../gas/settings-store';
import { withDocumentLock } from '../gas/lock';
import { UserError } from '../core/errors';
import {
  contiguousRuns,
  ensureRows,
  toCell,
  readTable,
  requireSheet,
  type FullTable,
  updateCells,
  writeColumns,
} from '../gas/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const IMPORT_TEXT = {
  title: 'Importer un export démarches simplifiées',
  journalAction: 'Import du recensement (démarches simplifiées)',
  conflictAction: 'Import DS : conflit, valeur du classeur conservée',
  emptySheet: `La feuille « ${IMPORT_SHEET.name} » est vide : collez-y l'export démarches simplifiées, ligne d'en-têtes comprise.`,
  unreadableCsv: (name: string) =>
    `Le fichier « ${name} » n'est pas un CSV lisible (guillemet non fermé ?). Réexportez-le depuis démarches simplifiées.`,
  next: 'Lancez ensuite « Valider les recensements » pour contrôler les lignes.',
  notBase64: (name: string) =>
    `Le fichier « ${name} » n'a pas été transmis correctement par le navigateur : rechargez le panneau et choisissez-le de nouveau.`,
  tooBig: (name: string, megabytes: number) =>
    `Le fichier « ${name} » pèse ${megabytes} Mo, au-delà des ${MAX_FILE_MEGABYTES} Mo qu'un import traite en une exécution : exportez les dossiers en plusieurs fois (filtre par état ou par date de dépôt) et importez chaque fichier.`,
  replacementCharacter: (name: string, line: number) =>
    `Le fichier « ${name} » contient des caractères illisibles (« \ufffd », ligne ${line}) : il n'a pas été lu en UTF-8 alors qu'il n'est sans doute pas en UTF-8 (un CSV enregistré par Excel sous Windows est en Windows-1252). Importez-le depuis le panneau « Importer un export démarches simplifiées (CSV)… », qui reconnaît l'encodage, ou enregistrez-le au format « CSV UTF-8 ». Rien n'a été importé.`,
} as const;

/** Largest CSV file the panel sends (base64 adds a third on the way). */
export const MAX_FILE_MEGABYTES = 20;

function outcomeLines(
  source: string,
  plan: UpsertPlan,
  unused: readonly string[],
  warnings: readonly string[],
): string[] {
  const c = plan.counts;
  const lines = [
    `Source : ${source}.`,
    `${plural(c.created, 'nouvelle ligne', 'nouvelles lignes')}, ${plural(c.updated, 'mise à jour', 'mises à jour')}, ${plural(c.unchanged, 'inchangée')}, ${plural(plan.rejected.length, 'rejetée')}.`,
    ...warnings,
  ];
  if (c.flagged > 0)
    lines.push(
      `${plural(c.flagged, 'ligne')} à vérifier : établissement illisible dans l'export (UAI conservé, voir la colonne « Import DS »).`,
    );
  if (c.refiled > 0)
    lines.push(
      `${plural(c.refiled, 'établissement a', 'établissements ont')} déposé un nouveau dossier : une seule ligne par établissement, l'ancien dossier est remplacé.`,
    );
  if (plan.conflicts.length > 0)
    lines.push(
      `${plural(plan.conflicts.length, 'conflit')} : cellules corrigées dans le classeur et changées dans l'export depuis le dernier import ; vos valeurs sont conservées.`,
      ...plan.conflicts.map(conflictLine),
    );
  lines.push(...plan.notices);
  if (c.excluded > 0)
    lines.push(
      `${plural(c.excluded, 'dossier refusé ou classé', 'dossiers refusés ou classés')} sans suite : ${agreement(c.excluded, 'marqué, conservé', 'marqués, conservés')}.`,
    );
  if (c.absent > 0)
    lines.push(
      `${plural(c.absent, 'ligne du classeur absente', 'lignes du classeur absentes')} de l'export : ${agreement(c.absent, 'marquée', 'marquées')} « Absent de l'export », ${agreement(c.absent, 'conservée', 'conservées')}.`,
    );
  lines.push(...plan.rejected.map((r) => `Rejet : ${r.reason}`));
  const quoted = (list: readonly string[]) => list.map((h) => `« ${h} »`).join(', ');
  const fromForm = unused.filter((h) => !isSystemHeader(h));
  const standard = unused.filter((h) => isSystemHeader(h));
  if (fromForm.length > 0)
    lines.push(
      `Colonnes du formulaire non utilisées (${fromForm.length}) : ${quoted(fromForm)} ; si l'une d'elles doit remplir une colonne, indiquez son nom dans la feuille « ${MAPPING_SHEET.name} ».`,
    );
  if (standard.length > 0)
    lines.push(
      `Colonnes standard de démarches simplifiées non utilisées (${standard.length}) : ${quoted(standard)}.`,
    );
  lines.push(IMPORT_TEXT.next);
  return lines;
}

const headerOf = (key: string): string =>
  MEMBERS_SHEET.columns.find((c) => c.key === key)?.header ?? key;
const shown = (value: CellValue): string => {
  const text = cellText(value);
  return text === '' ? '(vide)' : `« ${text.length > 60 ? `${text.slice(0, 60)}…` : text} »`;
};

/** The result line (and journal detail) of a conflict. */
function conflictLine(c: ImportConflict): string {
  return `Conflit ligne ${c.row}, « ${headerOf(c.key)} » : l'export apporte ${shown(c.exported)} (au lieu de ${shown(c.previous)} au dernier import), mais la cellule a été corrigée en ${shown(c.kept)} : votre valeur est conservée (note sur la cellule).`;
}

interface StoredMemory {
  readonly sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  /** Lines held by the sheet (0 when absent or empty: then it may still be visible). */
  readonly lines: number;
  /** Columns the sheet uses (2 in the earlier layout, cleared when rewritten). */
  readonly width: number;
  readonly memory: ImportMemory;
}

/** The memory sheet in one read (two calls). */
function readMemory(spreadsheet: Spreadsheet): StoredMemory {
  const sheet = spreadsheet.getSheetByName(MEMORY_SHEET_NAME);
  if (!sheet) return { sheet, lines: 0, width: 0, memory: new Map() };
  const values = (sheet.getDataRange().getValues() as CellValue[][]).filter((line) =>
    line.some((v) => v !== ''),
  );
  return { sheet, lines: values.length, width: values[0]?.length ?? 0, memory: memoryFrom(values) };
}

/**
 * Writes the memory in one block (one cell a dossier), in a hidden sheet created on first use;
 * unchanged, nothing.
 */
function writeMemory(spreadsheet: Spreadsheet, stored: StoredMemory, after: ImportMemory): void {
  if (sameMemory(stored.memory, after)) return;
  const sheet = stored.sheet ?? spreadsheet.insertSheet(MEMORY_SHEET_NAME);
  // Hidden when created, and again if a run was killed between its creation and its first write.
  if (stored.lines === 0) sheet.hideSheet();
  const width = Math.max(1, stored.width);
  const values = memoryValues(after).map((line) =>
    Array.from({ length: width }, (_, i) => toCell(line[i] ?? '')),
  );
  ensureRows(sheet, stored.lines, values.length - stored.lines);
  sheet.getRange(1, 1, values.length, width).setValues(values);
}

/**
 * Trailing rows that hold nothing but the note of a new row: left by an import killed between
 * the two writes of its append (see appendMembers). The next append writes over them.
 */
function pendingNewRows(members: FullTable): number {
  const notePosition = members.positions.get('importNote');
  if (notePosition === undefined) return 0;
  let count = 0;
  for (let i = members.values.length - 1; i >= 1; i--) {
    const line = members.values[i];
    const onlyNote = line.every((v, c) => c === notePosition - 1 || v === '' || v === null);
    if (!onlyNote || !isNewRowNote(cellText(line[notePosition - 1]))) break;
    count++;
  }
  return count;
}

/**
 * Appends the new members below the last row, writing only the columns that carry a value: the
 * tool's columns first (the "Import DS" note), then one block from the first to the last other
 * column that carries one. A run killed between the two leaves rows holding only their note, which
 * the next import writes over (pendingNewRows); rows are never left with values and no note.
 */
function appendMembers(members: FullTable, records: readonly Record<string, CellValue>[]): void {
  const pending = pendingNewRows(members);
  const count = Math.max(records.length, pending);
  if (count === 0) return;
  const firstRow = members.rows.length + 2 - pending;
  ensureRows(members.sheet, firstRow - 1, count);
  const byPosition = new Map<number, ColumnSpec>();
  for (const column of MEMBERS_SHEET.columns) {
    const position = members.positions.get(column.key);
    if (position !== undefined) byPosition.set(position, column);
  }
  const carries = (column: ColumnSpec): boolean =>
    records.some((r) => cellText(r[column.key] ?? '') !== '') ||
    (column.key === 'importNote' && pending > 0);
  const carrying = [...byPosition].filter(([, column]) => carries(column));
  const others = carrying.filter(([, c]) => c.owner !== 'tool').map(([p]) => p);
  const from = Math.min(...others);
  const to = Math.max(...others);
  const valueAt = (i: number, position: number): CellValue => {
    const column = byPosition.get(position);
    if (!column || i >= records.length) return '';
    return toCell(records[i][column.key], numberFormatOf(column.kind));
  };
  const toolOutside = carrying
    .filter(([p, c]) => c.owner === 'tool' && !(p >= from && p <= to))
    .map(([p]) => p);
  for (const run of contiguousRuns(toolOutside)) {
    const matrix = Array.from({ length: count }, (_, i) => run.map((p) => valueAt(i, p)));
    members.sheet.getRange(firstRow, run[0], count, run.length).setValues(matrix);
  }
  if (others.length === 0 || records.length === 0) return;
  const block = Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const matrix = records.map((_, i) => block.map((p) => valueAt(i, p)));
  members.sheet.getRange(firstRow, from, records.length, block.length).setValues(matrix);
}

/** One note per conflicting cell, added to the cell's own note: one read and one write a column. */
function noteConflicts(
  members: ReturnType<typeof readTable>,
  conflicts: readonly ImportConflict[],
  day: string,
): void {
  const byKey = new Map<string, ImportConflict[]>();
  for (const c of conflicts) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  for (const [key, list] of byKey) {
    const position = members.positions.get(key);
    if (position === undefined) continue;
    const first = Math.min(...list.map((c) => c.row));
    const last = Math.max(...list.map((c) => c.row));
    const range = members.sheet.getRange(first, position, last - first + 1, 1);
    const notes = range.getNotes();
    for (const c of list) {
      const note = `Import DS du ${day} : l'export apporte ${shown(c.exported)} (au lieu de ${shown(c.previous)}), mais cette cellule avait été corrigée : votre valeur ${shown(c.kept)} est conservée. Vérifiez-la, puis effacez cette note.`;
      const own = notes[c.row - first][0];
      notes[c.row - first][0] = own === '' ? note : `${own}\n\n${note}`;
    }
    range.setNotes(notes);
  }
}

/** What a source covers: a whole export, or (a sync since the last one) only what changed. */
export interface ImportScope {
  /**
   * Only the dossiers changed since the last sync: rows not among them are left alone, and only
   * these dossiers (deleted on démarches simplifiées) are marked absent.
   */
  readonly gone?: ReadonlySet<string>;
}

/** Imports export rows (header first) into the members sheet. */
export function importExportRows(
  spreadsheet: Spreadsheet,
  rows: readonly (readonly CellValue[])[],
  source: string,
): ImportOutcome {
  return withDocumentLock(() => importRowsLocked(spreadsheet, rows, source));
}

/** The same, for a caller that holds the document lock (the sync). */
export function importRowsLocked(
  spreadsheet: Spreadsheet,
  rows: readonly (readonly CellValue[])[],
  source: string,
  scope: ImportScope = {},
): ImportOutcome {
  const mappingSheet = spreadsheet.getSheetByName(MAPPING_SHEET.name);
  const mappingTable = mappingSheet
    ? readTable(spreadsheet, MAPPING_SHEET, ['field', 'headers'], mappingSheet)
    : undefined;
  const mapping = mappingFrom(
    mappingTable?.rows.map((r) => ({ field: r.cells.field, headers: r.cells.headers })) ?? [],
  );
  const mappingLines = new Map(
    (mappingTable?.rows ?? []).map((r) => [String(r.cells.field).trim(), r.row] as const),
  );
  const partial = scope.gone !== undefined;
  const empty = rows.slice(1).every((r) => r.every((v) => cellText(v).trim() === ''));
  // A sync where nothing changed brings no line: there is nothing to locate.
  const reading =
    partial && empty
      ? { fields: new Map<string, number>(), unused: [], records: [] }
      : readExportRows(rows, mapping, mappingLines);
  const members = readTable(spreadsheet, MEMBERS_SHEET);
  // A field whose members column is missing (workbook not repaired yet) is left out, and said.
  const absentColumns = MEMBERS_SHEET.columns.filter(
    (c) => !members.positions.has(c.key) && reading.fields.has(c.key),
  );
  const records = reading.records.map((r) => {
    if (absentColumns.length === 0) return r;
    const cells = { ...r.cells };
    for (const c of absentColumns) delete cells[c.key];
    return { ...r, cells };
  });
  const warnings = absentColumns.map(
    (c) =>
      `Colonne « ${c.header} » absente de la feuille « ${MEMBERS_SHEET.name} » : ce champ de l'export n'a pas été importé. Lancez « Initialiser / réparer le classeur », puis importez de nouveau.`,
  );
  const stored = readMemory(spreadsheet);
  const now = new Date();
  const plan = planUpsert(members.rows, records, now, stored.memory, scope.gone);
  // Marks first: a run killed between the two writes still leaves every change marked.
  if (plan.marks.size > 0) {
    writeColumns(members, {
      importNote: members.rows.map((r) => plan.marks.get(r.row) ?? r.cells.importNote),
    });
  }
  updateCells(members, plan.updates);
  appendMembers(members, plan.appends);
  noteConflicts(members, plan.conflicts, formatDateFr(now));
  // The memory last: a run killed before it leaves the next import to compare with the sheet.
  writeMemory(spreadsheet, stored, plan.memory);
  const lines = [
    ...outcomeLines(source, plan, reading.unused, warnings),
    ...configurationReport(spreadsheet),
  ];
  const journal = new Journal();
  journal.add(IMPORT_TEXT.journalAction, lines.join(' '), records.length);
  for (const c of plan.conflicts) journal.add(IMPORT_TEXT.conflictAction, conflictLine(c), 1);
  journal.flush(spreadsheet);
  return {
    lines,
    created: plan.counts.created,
    updated: plan.counts.updated,
    unchanged: plan.counts.unchanged,
    rejected: plan.rejected.length,
  };
}

/** The sidebar's upload: the file's bytes in base64; UTF-8 or Windows-1252 is told by the bytes. */
export function importCsvFile(
  spreadsheet: Spreadsheet,
  base64: string,
  fileName: string,
): ImportOutcome {
  const megabytes = Math.ceil((base64.length * 3) / 4 / 1_000_000);
  if (megabytes > MAX_FILE_MEGABYTES) throw new UserError(IMPORT_TEXT.tooBig(fileName, megabytes));
  const bytes = base64Bytes(base64);
  if (!bytes) throw new UserError(IMPORT_TEXT.notBase64(fileName));
  const { text, encoding } = decodeText(bytes);
  return importCsvText(spreadsheet, text, fileName, encoding);
}

export function importCsvText(
  spreadsheet: Spreadsheet,
  text: string,
  fileName: string,
  encoding?: string,
): ImportOutcome {
  const lost = text.indexOf('\ufffd');
  if (lost >= 0) {
    const line = text.slice(0, lost).split('\n').length;
    throw new UserError(IMPORT_TEXT.replacementCharacter(fileName, line));
  }
  let rows: string[][];
  try {
    rows = parseExportCsv(String(text));
  } catch {
    throw new UserError(IMPORT_TEXT.unreadableCsv(fileName));
  }
  const read = encoding ? `, lu en ${encoding}` : '';
  return importExportRows(spreadsheet, rows, `fichier « ${fileName} »${read}`);
}

export function importPastedSheet(spreadsheet: Spreadsheet): ImportOutcome {
  const sheet = requireSheet(spreadsheet, IMPORT_SHEET);
  if (sheet.getLastRow() < 1) throw new UserError(IMPORT_TEXT.emptySheet);
  const rows = sheet.getDataRange().getValues() as CellValue[][];
  return importExportRows(spreadsheet, rows, `feuille « ${IMPORT_SHEET.name} »`);
}
