// Applies a repair plan to the spreadsheet: creates sheets, adds missing columns at the end, and
// formats the tool's headers and columns. Never touches a cell below the header of an existing column.
// The header texts are written last: a run that dies before them leaves columns that the next run
// still sees as missing, and finishes.

import { type ColumnSpec, HEADER_BACKGROUND, numberFormatOf, type SheetSpec } from '../core/schema';
import { type SheetPlan, type SheetSnapshot } from '../core/repair';
import { columnLetter } from '../core/text';
import { contiguousRuns } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function snapshotSheet(spreadsheet: Spreadsheet, spec: SheetSpec): SheetSnapshot {
  const sheet = spreadsheet.getSheetByName(spec.name);
  if (!sheet) return { spec, exists: false, header: [], lastRow: 0, lastColumn: 0 };
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const header = lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0] : [];
  return { spec, exists: true, header, lastRow, lastColumn };
}

/** Applies one sheet's plan; returns the sheet, or null when it was left alone. */
export function applySheetPlan(spreadsheet: Spreadsheet, plan: SheetPlan): Sheet | null {
  if (plan.kind === 'unrecognised') return null;
  if (plan.kind === 'create') {
    const sheet = spreadsheet.insertSheet(plan.spec.name, spreadsheet.getSheets().length);
    if (plan.spec.tabColor) sheet.setTabColor(plan.spec.tabColor);
    if (plan.spec.freeform) sheet.getRange(1, 1).setNote(plan.spec.purpose);
    else sheet.setFrozenRows(1);
    const positions = new Map(plan.spec.columns.map((c, i) => [c.key, i + 1]));
    formatColumns(sheet, plan.spec.columns, positions);
    writeHeaders(sheet, plan.spec.columns, positions);
    return sheet;
  }
  const sheet = spreadsheet.getSheetByName(plan.spec.name) as Sheet;
  if (sheet.getLastRow() === 0 && sheet.getLastColumn() === 0) {
    // An empty sheet (made by a run that died, or emptied): finish it as if just created.
    if (plan.spec.freeform) sheet.getRange(1, 1).setNote(plan.spec.purpose);
    if (plan.spec.tabColor) sheet.setTabColor(plan.spec.tabColor);
  }
  generalWhereNoLongerText(sheet, plan);
  if (plan.added.length > 0) {
    const needed = Math.max(...plan.added.map((c) => plan.positions.get(c.key) as number));
    const maxColumns = sheet.getMaxColumns();
    if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
    if (!plan.spec.freeform && sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
    formatColumns(sheet, plan.added, plan.positions);
    writeHeaders(sheet, plan.added, plan.positions);
  } else if (!plan.spec.freeform && sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
  return sheet;
}

/**
 * Workbooks initialised by earlier versions have Plain text on every column; today only UAI, phone,
 * code and date columns carry a format, and the tool writes the others as into a General cell (see
 * toCell). A spec column still in Plain text on its first data row goes back to General, so that
 * what the tool writes there reads as written wherever this spreadsheet keeps a leading
 * apostrophe. Values stay as they are: text stays text. One read a sheet; a write only once.
 */
function generalWhereNoLongerText(sheet: Sheet, plan: SheetPlan & { kind: 'update' }): void {
  const existing = plan.spec.columns.filter(
    (c) => numberFormatOf(c.kind) === '' && !plan.added.includes(c) && plan.positions.has(c.key),
  );
  const lastColumn = sheet.getLastColumn();
  if (existing.length === 0 || lastColumn === 0 || sheet.getMaxRows() < 2) return;
  const formats = sheet.getRange(2, 1, 1, lastColumn).getNumberFormats()[0];
  const text = existing
    .map((c) => plan.positions.get(c.key) as number)
    .filter((p) => formats[p - 1] === '@');
  if (text.length === 0) return;
  const last = sheet.getMaxRows();
  sheet
    .getRangeList(text.map((p) => `${columnLetter(p)}2:${columnLetter(p)}${last}`))
    .setNumberFormat('General');
}

/** Header text, note, colour and bold of the given columns: one call per property and run. */
function writeHeaders(
  sheet: Sheet,
  columns: readonly ColumnSpec[],
  positions: ReadonlyMap<string, number>,
): void {
  const byPosition = new Map(columns.map((c) => [positions.get(c.key) as number, c]));
  for (const run of contiguousRuns([...byPosition.keys()])) {
    const specs = run.map((p) => byPosition.get(p) as ColumnSpec);
    const range = sheet.getRange(1, run[0], 1, run.length);
    range.setNotes([specs.map(headerNote)]);
    range.setBackgrounds([specs.map((c) => HEADER_BACKGROUND[c.owner])]);
    range.setFontWeight('bold');
    range.setValues([specs.map((c) => c.header)]);
  }
}

export function headerNote(column: ColumnSpec): string {
  const owner =
    column.owner === 'tool'
      ? "Colonne calculée par l'outil : ne pas la modifier à la main."
      : "Colonne saisie par vous : l'outil ne la réécrit jamais.";
  return `${column.note}\n\n${owner}`;
}

/** Number format (where not General), width and dropdown of each new column, over the data rows. */
function formatColumns(
  sheet: Sheet,
  columns: readonly ColumnSpec[],
  positions: ReadonlyMap<string, number>,
): void {
  const dataRows = sheet.getMaxRows() - 1;
  for (const column of columns) {
    const position = positions.get(column.key) as number;
    const range = sheet.getRange(2, position, dataRows, 1);
    const format = numberFormatOf(column.kind);
    // General is every new cell's format: only the columns that need another are formatted.
    if (format !== '') range.setNumberFormat(format);
    if (column.choices) {
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList([...column.choices], true)
        .setAllowInvalid(true)
        .setHelpText(`Choisissez : ${column.choices.join(', ')}.`)
        .build();
      range.setDataValidation(rule);
    }
    if (column.width) sheet.setColumnWidth(position, column.width);
  }
}
