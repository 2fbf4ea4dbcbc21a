// SpreadsheetApp as Apps Script exposes it: Spreadsheet, Sheet, Range, RangeList, data validation,
// the Ui with menus and dialogs. Ranges are 1-based and errors carry Google's messages.

import { Emulated, SCOPE, SERVICE } from './instrument';
import type { Mirror } from './mirror';
import type { Execution } from './execution';
import {
  type Cell,
  type ChartModel,
  type SheetModel,
  type SpreadsheetModel,
  type ValidationRule,
} from './spreadsheet-model';
import { type CellValue, coerceWritten, displayText } from './values';
import type { UiModel } from './ui-model';
import { UNKNOWN_FORMULA_VALUE, parseFormula } from './formula';

type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

abstract class SpreadsheetObject extends Emulated {
  readonly [SERVICE] = 'SpreadsheetApp';
}

/** Parses "A1", "B2:D9", "A:C", "2:5", "B3:B" into 1-based bounds (open ends are undefined). */
export function parseA1(a1: string): {
  row?: number;
  column?: number;
  lastRow?: number;
  lastColumn?: number;
} {
  const m = /^\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?$/i.exec(a1.trim());
  if (!m || (!m[1] && !m[2])) throw new Error('Range not found');
  const col = (letters: string): number | undefined =>
    letters
      ? [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)
      : undefined;
  const num = (digits: string): number | undefined => (digits ? Number(digits) : undefined);
  const single = m[3] === undefined && m[4] === undefined;
  return {
    row: num(m[2]),
    column: col(m[1]),
    lastRow: single ? num(m[2]) : num(m[4]),
    lastColumn: single ? col(m[1]) : col(m[3]),
  };
}

export function a1Of(row: number, column: number, numRows = 1, numColumns = 1): string {
  const letter = (c: number): string => {
    let out = '';
    for (let n = c; n > 0; n = Math.floor((n - 1) / 26))
      out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    return out;
  };
  const start = `${letter(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${letter(column + numColumns - 1)}${row + numRows - 1}`;
}

export class EmulatedSpreadsheetApp
  extends SpreadsheetObject
  implements
    Mirror<
      GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      | 'getActive'
      | 'getActiveSpreadsheet'
      | 'getUi'
      | 'newDataValidation'
      | 'flush'
      | 'getActiveSheet'
    >
{
  readonly className = 'SpreadsheetApp';
  readonly DataValidationCriteria = { VALUE_IN_LIST: 'VALUE_IN_LIST', CHECKBOX: 'CHECKBOX' };

  constructor(
    private readonly model: SpreadsheetModel,
    private readonly ui: UiModel,
    private readonly exec: Execution,
  ) {
    super();
  }

  getActive(): EmulatedSpreadsheet {
    return new EmulatedSpreadsheet(this.model, this.exec);
  }

  getActiveSpreadsheet(): EmulatedSpreadsheet {
    return this.getActive();
  }

  getActiveSheet(): EmulatedSheet {
    return this.getActive().getActiveSheet();
  }

  /** Refused outside a user's execution (time-driven triggers), with Google's message. */
  getUi(): EmulatedUi {
    if (this.exec.options.interactive === false) {
      throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    return new EmulatedUi(this.ui);
  }

  newDataValidation(): EmulatedDataValidationBuilder {
    return new EmulatedDataValidationBuilder();
  }

  flush(): void {
    // Writes are applied at once in the emulator; flush only costs its round trip.
  }
}

export class EmulatedSpreadsheet
  extends SpreadsheetObject
  implements
    Mirror<
      GoogleAppsScript.Spreadsheet.Spreadsheet,
      | 'getId'
      | 'getName'
      | 'getUrl'
      | 'getSheets'
      | 'getSheetByName'
      | 'insertSheet'
      | 'deleteSheet'
      | 'getActiveSheet'
      | 'setActiveSheet'
      | 'toast'
      | 'getSpreadsheetTimeZone'
      | 'setSpreadsheetTimeZone'
      | 'getSpreadsheetLocale'
      | 'setSpreadsheetLocale'
      | 'getRange'
      | 'getRangeList'
    >
{
  readonly className = 'Spreadsheet';

  constructor(
    readonly _model: SpreadsheetModel,
    private readonly exec: Execution,
  ) {
    super();
  }

  getId(): string {
    return this._model.id;
  }

  getName(): string {
    return this._model.name;
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._model.id}/edit`;
  }

  getSheets(): EmulatedSheet[] {
    return this._model.sheets.map((s) => new EmulatedSheet(s, this._model, this.exec));
  }

  getSheetByName(name: string): EmulatedSheet | null {
    const sheet = this._model.sheet(name);
    return sheet ? new EmulatedSheet(sheet, this._model, this.exec) : null;
  }

  insertSheet(nameOrIndex?: string | number, indexOrOptions?: number | object): EmulatedSheet {
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const index = typeof indexOrOptions === 'number' ? indexOrOptions : undefined;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    if (name === undefined) {
      let n = this._model.sheets.length + 1;
      while (this._model.sheet(`Feuille ${n}`)) n++;
      name = `Feuille ${n}`;
    }
    if (this._model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (at !== undefined && (at < 0 || at > this._model.sheets.length)) {
      throw new Error(`Exception: Those rows are out of bounds.`);
    }
    const sheet = this._model.addSheet(name, at);
    this._model.activeSheet = sheet;
    return new EmulatedSheet(sheet, this._model, this.exec);
  }

  deleteSheet(gasSheet: GasSheet): void {
    const sheet = gasSheet as unknown as EmulatedSheet;
    if (this._model.sheets.length === 1) {
      throw new Error('Exception: You can\u2019t remove all the sheets in a document.');
    }
    this._model.sheets = this._model.sheets.filter((s) => s !== sheet._model);
    if (this._model.activeSheet === sheet._model) this._model.activeSheet = this._model.sheets[0];
  }

  getActiveSheet(): EmulatedSheet {
    const sheet = this._model.activeSheet ?? this._model.sheets[0];
    return new EmulatedSheet(sheet, this._model, this.exec);
  }

  setActiveSheet(gasSheet: GasSheet): EmulatedSheet {
    const sheet = gasSheet as unknown as EmulatedSheet;
    this._model.activeSheet = sheet._model;
    return sheet;
  }

  /** Shown to the user at the sheet; with nobody there (time-driven trigger) nobody sees it. */
  toast(message: string, title?: string): void {
    const toast = { message: String(message), title: title ?? '' };
    if (this.exec.options.interactive === false) this._model.unseenToasts.push(toast);
    else this._model.toasts.push(toast);
  }

  getSpreadsheetTimeZone(): string {
    return this._model.timeZone;
  }

  setSpreadsheetTimeZone(timeZone: string): void {
    this._model.timeZone = timeZone;
  }

  getSpreadsheetLocale(): string {
    return this._model.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this._model.locale = locale;
  }

  getRange(a1Notation: string): EmulatedRange {
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(a1Notation);
    if (!m) return this.getActiveSheet().getRange(a1Notation);
    const sheet = this._model.sheet((m[1] ?? m[2]).replace(/''/g, "'"));
    if (!sheet) throw new Error('Range not found');
    return new EmulatedSheet(sheet, this._model, this.exec).getRange(m[3]);
  }

  getRangeList(a1Notations: string[]): EmulatedRangeList {
    return this.getActiveSheet().getRangeList(a1Notations);
  }
}

export class EmulatedSheet
  extends SpreadsheetObject
  implements
    Mirror<
      GasSheet,
      | 'getName'
      | 'setName'
      | 'getSheetId'
      | 'getIndex'
      | 'getRange'
      | 'getRangeList'
      | 'getDataRange'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'insertRowsAfter'
      | 'insertColumnsAfter'
      | 'deleteRows'
      | 'appendRow'
      | 'clear'
      | 'clearContents'
      | 'setFrozenRows'
      | 'getFrozenRows'
      | 'setFrozenColumns'
      | 'getFrozenColumns'
      | 'setColumnWidth'
      | 'getColumnWidth'
      | 'setTabColor'
      | 'getTabColor'
      | 'activate'
      | 'getParent'
      | 'hideSheet'
      | 'showSheet'
      | 'isSheetHidden'
      | 'newChart'
      | 'insertChart'
      | 'getCharts'
      | 'removeChart'
    >
{
  readonly className = 'Sheet';

  [SCOPE](): string {
    return this._model.name;
  }

  constructor(
    readonly _model: SheetModel,
    private readonly book: SpreadsheetModel,
    readonly _exec: Execution,
  ) {
    super();
  }

  getName(): string {
    return this._model.name;
  }

  setName(name: string): EmulatedSheet {
    if (this.book.sheets.some((s) => s !== this._model && s.name === name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this._model.name = name;
    return this;
  }

  getSheetId(): number {
    return this._model.id;
  }

  getIndex(): number {
    return this.book.sheets.indexOf(this._model) + 1;
  }

  /** The value a cell of this sheet holds: a formula's cached value, or a reference read live. */
  _valueOf(cell: Readonly<Cell> | undefined, depth = 0): CellValue {
    if (!cell) return '';
    if (!cell.formula) return cell.value;
    const parsed = parseFormula(cell.formula);
    if (parsed.kind !== 'reference') return cell.value;
    const sheet = parsed.sheet === undefined ? this._model : this.book.sheet(parsed.sheet);
    if (!sheet) return '#REF!';
    if (depth > 50) return '#REF!'; // a circular chain of references
    const target = new EmulatedSheet(sheet, this.book, this._exec);
    return target._valueOf(sheet.peekCell(parsed.row, parsed.column), depth + 1);
  }

  getParent(): EmulatedSpreadsheet {
    return new EmulatedSpreadsheet(this.book, this._exec);
  }

  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): EmulatedRange {
    if (typeof rowOrA1 === 'string') {
      const a = parseA1(rowOrA1);
      const row = a.row ?? 1;
      const col = a.column ?? 1;
      const lastRow = a.lastRow ?? this._model.maxRows;
      const lastCol = a.lastColumn ?? this._model.maxColumns;
      return this.rangeAt(row, col, lastRow - row + 1, lastCol - col + 1);
    }
    if (typeof rowOrA1 !== 'number' || Number.isNaN(rowOrA1)) {
      throw new Error(
        'Exception: The parameters (' +
          typeof rowOrA1 +
          ') don\u2019t match the method signature for SpreadsheetApp.Sheet.getRange.',
      );
    }
    return this.rangeAt(rowOrA1, column ?? 1, numRows ?? 1, numColumns ?? 1, column === undefined);
  }

  private rangeAt(
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
    missingColumn = false,
  ): EmulatedRange {
    if (missingColumn) {
      throw new Error(
        'Exception: The parameters (number) don\u2019t match the method signature for SpreadsheetApp.Sheet.getRange.',
      );
    }
    if (!Number.isInteger(row) || row < 1)
      throw new Error('The starting row of the range is too small.');
    if (!Number.isInteger(column) || column < 1)
      throw new Error('The starting column of the range is too small.');
    if (!Number.isInteger(numRows) || numRows < 1)
      throw new Error('The number of rows in the range must be at least 1.');
    if (!Number.isInteger(numColumns) || numColumns < 1)
      throw new Error('The number of columns in the range must be at least 1.');
    if (
      row + numRows - 1 > this._model.maxRows ||
      column + numColumns - 1 > this._model.maxColumns
    ) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new EmulatedRange(this, row, column, numRows, numColumns);
  }

  getRangeList(a1Notations: string[]): EmulatedRangeList {
    return new EmulatedRangeList(a1Notations.map((a1) => this.getRange(a1)));
  }

  getDataRange(): EmulatedRange {
    return this.rangeAt(
      1,
      1,
      Math.max(1, this._model.lastRow()),
      Math.max(1, this._model.lastColumn()),
    );
  }

  getLastRow(): number {
    return this._model.lastRow();
  }

  getLastColumn(): number {
    return this._model.lastColumn();
  }

  getMaxRows(): number {
    return this._model.maxRows;
  }

  getMaxColumns(): number {
    return this._model.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): EmulatedSheet {
    if (afterPosition < 1 || afterPosition > this._model.maxRows)
      throw new Error('Those rows are out of bounds.');
    this._model.insertRows(afterPosition, howMany);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): EmulatedSheet {
    if (afterPosition < 1 || afterPosition > this._model.maxColumns)
      throw new Error('Those columns are out of bounds.');
    this._model.insertColumns(afterPosition, howMany);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || rowPosition + howMany - 1 > this._model.maxRows)
      throw new Error('Those rows are out of bounds.');
    if (howMany >= this._model.maxRows - this._model.frozenRows) {
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this._model.deleteRows(rowPosition, howMany);
  }

  appendRow(rowContents: unknown[]): EmulatedSheet {
    const row = this._model.lastRow() + 1;
    if (row > this._model.maxRows) this._model.insertRows(this._model.maxRows, 1);
    if (rowContents.length > this._model.maxColumns) {
      this._model.insertColumns(
        this._model.maxColumns,
        rowContents.length - this._model.maxColumns,
      );
    }
    new EmulatedRange(this, row, 1, 1, rowContents.length).setValues([rowContents]);
    return this;
  }

  clear(): EmulatedSheet {
    this._model.rows = [];
    return this;
  }

  clearContents(): EmulatedSheet {
    for (const line of this._model.rows) {
      for (const cell of line ?? []) {
        if (cell) {
          cell.value = '';
          delete cell.formula;
        }
      }
    }
    return this;
  }

  setFrozenRows(rows: number): void {
    this._model.frozenRows = rows;
  }

  getFrozenRows(): number {
    return this._model.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this._model.frozenColumns = columns;
  }

  getFrozenColumns(): number {
    return this._model.frozenColumns;
  }

  setColumnWidth(columnPosition: number, width: number): EmulatedSheet {
    this._model.columnWidths.set(columnPosition, width);
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    return this._model.columnWidths.get(columnPosition) ?? 100;
  }

  setTabColor(color: string | null): EmulatedSheet {
    this._model.tabColor = color;
    return this;
  }

  getTabColor(): string | null {
    return this._model.tabColor;
  }

  activate(): EmulatedSheet {
    this.book.activeSheet = this._model;
    return this;
  }

  hideSheet(): EmulatedSheet {
    this._model.hidden = true;
    return this;
  }

  showSheet(): EmulatedSheet {
    this._model.hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    return this._model.hidden;
  }

  newChart(): EmulatedChartBuilder {
    return new EmulatedChartBuilder();
  }

  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const built = chart as unknown as EmulatedChart;
    this._model.charts.push({
      ...built._model,
      id: this._model.charts.length + 1 + Math.max(0, ...this._model.charts.map((c) => c.id)),
    });
  }

  getCharts(): EmulatedChart[] {
    return this._model.charts.map((c) => new EmulatedChart(c));
  }

  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const id = (chart as unknown as EmulatedChart)._model.id;
    this._model.charts = this._model.charts.filter((c) => c.id !== id);
  }

  _timeZone(): string {
    return this.book.timeZone;
  }

  _plainTextLiteral(): boolean {
    return this.book.plainText === 'literal';
  }
}

export class EmulatedChartBuilder
  extends SpreadsheetObject
  implements
    Mirror<
      GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
      | 'addRange'
      | 'setChartType'
      | 'setOption'
      | 'setPosition'
      | 'build'
      | 'asBarChart'
      | 'asColumnChart'
    >
{
  readonly className = 'EmbeddedChartBuilder';
  private type = 'BAR';
  private readonly ranges: string[] = [];
  private readonly options: Record<string, unknown> = {};
  private anchor = { row: 1, column: 1 };

  addRange(range: GasRange): EmulatedChartBuilder {
    const r = range as unknown as EmulatedRange;
    this.ranges.push(`${r._sheet.getName()}!${r.getA1Notation()}`);
    return this;
  }

  setChartType(type: GoogleAppsScript.Charts.ChartType): EmulatedChartBuilder {
    this.type = String(type);
    return this;
  }

  asBarChart(): EmulatedChartBuilder {
    this.type = 'BAR';
    return this;
  }

  asColumnChart(): EmulatedChartBuilder {
    this.type = 'COLUMN';
    return this;
  }

  setStacked(): EmulatedChartBuilder {
    this.options.isStacked = true;
    return this;
  }

  setTitle(title: string): EmulatedChartBuilder {
    this.options.title = title;
    return this;
  }

  setOption(option: string, value: unknown): EmulatedChartBuilder {
    this.options[option] = value;
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number): EmulatedChartBuilder {
    this.anchor = { row: anchorRowPos, column: anchorColPos };
    return this;
  }

  build(): EmulatedChart {
    if (this.ranges.length === 0)
      throw new Error('Exception: The chart needs at least one range of data.');
    return new EmulatedChart({
      id: 0,
      type: this.type,
      ranges: [...this.ranges],
      title: String(this.options.title ?? ''),
      anchorRow: this.anchor.row,
      anchorColumn: this.anchor.column,
      options: { ...this.options },
    });
  }
}

export class EmulatedChart
  extends SpreadsheetObject
  implements Mirror<GoogleAppsScript.Spreadsheet.EmbeddedChart, 'getChartId' | 'getOptions'>
{
  readonly className = 'EmbeddedChart';

  constructor(readonly _model: ChartModel) {
    super();
  }

  getChartId(): number {
    return this._model.id;
  }

  getOptions(): { get(option: string): unknown } {
    const options = this._model.options;
    return { get: (option: string) => options[option] };
  }
}

function matrixCheck(
  values: unknown,
  numRows: number,
  numColumns: number,
  method: string,
): unknown[][] {
  if (!Array.isArray(values) || !values.every((r) => Array.isArray(r))) {
    throw new Error(
      `Exception: The parameters (${typeof values}) don\u2019t match the method signature for SpreadsheetApp.Range.${method}.`,
    );
  }
  if (values.length !== numRows) {
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${numRows}.`,
    );
  }
  for (const row of values as unknown[][]) {
    if (row.length !== numColumns) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numColumns}.`,
      );
    }
  }
  return values as unknown[][];
}

export class EmulatedRange
  extends SpreadsheetObject
  implements
    Mirror<
      GasRange,
      | 'getRow'
      | 'getColumn'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getNumRows'
      | 'getNumColumns'
      | 'getA1Notation'
      | 'getSheet'
      | 'getValue'
      | 'getValues'
      | 'setValue'
      | 'setValues'
      | 'getDisplayValue'
      | 'getDisplayValues'
      | 'getFormula'
      | 'getFormulas'
      | 'setFormula'
      | 'setFormulas'
      | 'getNote'
      | 'getNotes'
      | 'setNote'
      | 'setNotes'
      | 'clearNote'
      | 'getBackground'
      | 'getBackgrounds'
      | 'setBackground'
      | 'setBackgrounds'
      | 'getFontWeight'
      | 'getFontWeights'
      | 'setFontWeight'
      | 'setFontWeights'
      | 'setFontColor'
      | 'getFontColor'
      | 'getNumberFormat'
      | 'getNumberFormats'
      | 'setNumberFormat'
      | 'setNumberFormats'
      | 'getDataValidation'
      | 'getDataValidations'
      | 'setDataValidation'
      | 'setDataValidations'
      | 'clear'
      | 'clearContent'
      | 'clearFormat'
      | 'clearDataValidations'
      | 'activate'
      | 'offset'
      | 'setWrap'
    >
{
  readonly className = 'Range';

  [SCOPE](): string {
    return this._sheet._model.name;
  }

  constructor(
    readonly _sheet: EmulatedSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {
    super();
  }

  getRow(): number {
    return this.row;
  }

  getColumn(): number {
    return this.column;
  }

  getLastRow(): number {
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }

  getNumRows(): number {
    return this.numRows;
  }

  getNumColumns(): number {
    return this.numColumns;
  }

  getA1Notation(): string {
    return a1Of(this.row, this.column, this.numRows, this.numColumns);
  }

  getSheet(): EmulatedSheet {
    return this._sheet;
  }

  /** Reads one property of every cell; counts the cells as transferred data. */
  private read<T>(pick: (cell: Cell | undefined) => T): T[][] {
    const model = this._sheet._model;
    this._sheet._exec.transfer(this.numRows * this.numColumns, this.numRows);
    const out: T[][] = new Array(this.numRows);
    for (let r = 0; r < this.numRows; r++) {
      const line = model.peekRows()[this.row - 1 + r]; // reading only: a shared grid stays shared
      const row: T[] = new Array(this.numColumns);
      for (let c = 0; c < this.numColumns; c++) row[c] = pick(line?.[this.column - 1 + c]);
      out[r] = row;
    }
    return out;
  }

  /** Writes one property of every cell from a matrix checked against the range's size. */
  private write<T>(values: unknown, method: string, apply: (cell: Cell, value: T) => void): this {
    const matrix = matrixCheck(values, this.numRows, this.numColumns, method) as T[][];
    this._sheet._exec.transfer(this.numRows * this.numColumns, this.numRows);
    this.eachCell((cell, r, c) => apply(cell, matrix[r][c]));
    return this;
  }

  /** Writes the same property value into every cell (no matrix to build or check). */
  private fill<T>(value: T, _method: string, apply: (cell: Cell, value: T) => void): this {
    this._sheet._exec.transfer(this.numRows * this.numColumns, this.numRows);
    this.eachCell((cell) => apply(cell, value));
    return this;
  }

  /** Every cell of the range, created when missing, row by row (as SheetModel.cell(…, true)). */
  private eachCell(visit: (cell: Cell, r: number, c: number) => void): void {
    const rows = this._sheet._model.rows;
    for (let r = 0; r < this.numRows; r++) {
      const index = this.row - 1 + r;
      const line = rows[index] ?? (rows[index] = []);
      for (let c = 0; c < this.numColumns; c++) {
        const at = this.column - 1 + c;
        visit(line[at] ?? (line[at] = { value: '' }), r, c);
      }
    }
  }

  getValue(): CellValue {
    return this.getValues()[0][0];
  }

  /** For a formula cell, the value Sheets computed (see formula.ts for what the emulator knows). */
  getValues(): CellValue[][] {
    return this.read((cell) => {
      const v = this._sheet._valueOf(cell);
      return v instanceof Date ? new Date(v.getTime()) : v;
    });
  }

  setValue(value: unknown): EmulatedRange {
    return this.fill(value, 'setValue', (cell, v) => this.store(cell, v));
  }

  setValues(values: unknown[][]): EmulatedRange {
    return this.write(values, 'setValues', (cell, v) => this.store(cell, v));
  }

  private store(cell: Cell, input: unknown): void {
    const written =
      cell.numberFormat === '@' && typeof input === 'string' && this._sheet._plainTextLiteral()
        ? { value: input }
        : coerceWritten(input, cell.numberFormat, this._sheet._timeZone());
    if (written.formula) {
      cell.formula = written.formula;
      const parsed = parseFormula(written.formula);
      cell.value = parsed.kind === 'value' ? parsed.value : UNKNOWN_FORMULA_VALUE;
      if (parsed.kind === 'reference') cell.value = this._sheet._valueOf(cell);
    } else {
      cell.value = written.value;
      delete cell.formula;
    }
  }

  /** A formula ("=…") for every cell; a text without "=" is written as typed (a value). */
  setFormula(formula: string): EmulatedRange {
    return this.fill(formula, 'setFormula', (cell, v: unknown) => this.storeFormula(cell, v));
  }

  setFormulas(formulas: string[][]): EmulatedRange {
    return this.write(formulas, 'setFormulas', (cell, v: unknown) => this.storeFormula(cell, v));
  }

  private storeFormula(cell: Cell, formula: unknown): void {
    const text = String(formula ?? '');
    if (text === '') {
      cell.value = '';
      delete cell.formula;
    } else {
      this.store(cell, text); // without "=", Sheets takes the text as typed, not as a formula
    }
  }

  getDisplayValue(): string {
    return this.getDisplayValues()[0][0];
  }

  getDisplayValues(): string[][] {
    const zone = this._sheet._timeZone();
    return this.read((cell) =>
      cell ? displayText(this._sheet._valueOf(cell), cell.numberFormat, zone) : '',
    );
  }

  getFormula(): string {
    return this.getFormulas()[0][0];
  }

  getFormulas(): string[][] {
    return this.read((cell) => cell?.formula ?? '');
  }

  getNote(): string {
    return this.getNotes()[0][0];
  }

  getNotes(): string[][] {
    return this.read((cell) => cell?.note ?? '');
  }

  setNote(note: string | null): EmulatedRange {
    return this.fill(note, 'setNote', setNoteOf);
  }

  setNotes(notes: unknown[][]): EmulatedRange {
    return this.write(notes, 'setNotes', setNoteOf);
  }

  clearNote(): EmulatedRange {
    return this.setNote(null);
  }

  getBackground(): string {
    return this.getBackgrounds()[0][0];
  }

  getBackgrounds(): string[][] {
    return this.read((cell) => cell?.background ?? '#ffffff');
  }

  setBackground(color: string | null): EmulatedRange {
    return this.fill(color, 'setBackground', setBackgroundOf);
  }

  setBackgrounds(colors: unknown[][]): EmulatedRange {
    return this.write(colors, 'setBackgrounds', setBackgroundOf);
  }

  getFontWeight(): string {
    return this.getFontWeights()[0][0];
  }

  getFontWeights(): string[][] {
    return this.read((cell) => cell?.fontWeight ?? 'normal');
  }

  setFontWeight(fontWeight: string | null): EmulatedRange {
    return this.fill(fontWeight, 'setFontWeight', setFontWeightOf);
  }

  setFontWeights(fontWeights: unknown[][]): EmulatedRange {
    return this.write(fontWeights, 'setFontWeights', setFontWeightOf);
  }

  getFontColor(): string {
    return this.read((cell) => cell?.fontColor ?? '#000000')[0][0];
  }

  setFontColor(color: string | null): EmulatedRange {
    return this.fill(color, 'setFontColor', (cell, v: string | null) => {
      if (v) cell.fontColor = v;
      else delete cell.fontColor;
    });
  }

  getNumberFormat(): string {
    return this.getNumberFormats()[0][0];
  }

  getNumberFormats(): string[][] {
    return this.read((cell) => cell?.numberFormat ?? '');
  }

  setNumberFormat(numberFormat: string): EmulatedRange {
    return this.fill(numberFormat, 'setNumberFormat', setNumberFormatOf);
  }

  setNumberFormats(numberFormats: unknown[][]): EmulatedRange {
    return this.write(numberFormats, 'setNumberFormats', setNumberFormatOf);
  }

  getDataValidation(): EmulatedDataValidation | null {
    return this.getDataValidations()[0][0];
  }

  getDataValidations(): (EmulatedDataValidation | null)[][] {
    return this.read((cell) =>
      cell?.validation ? new EmulatedDataValidation(cell.validation) : null,
    );
  }

  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): EmulatedRange {
    return this.fill(rule, 'setDataValidation', setValidationOf);
  }

  setDataValidations(rules: unknown[][]): EmulatedRange {
    return this.write(rules, 'setDataValidations', setValidationOf);
  }

  clearDataValidations(): EmulatedRange {
    return this.setDataValidation(null);
  }

  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    commentsOnly?: boolean;
  }): EmulatedRange {
    if (options?.contentsOnly) return this.clearContent();
    if (options?.formatOnly) return this.clearFormat();
    if (options?.commentsOnly) return this.clearNote();
    return this.fill(null, 'clear', (cell) => {
      for (const key of Object.keys(cell) as (keyof Cell)[]) delete cell[key];
      cell.value = '';
    });
  }

  clearContent(): EmulatedRange {
    return this.fill(null, 'clearContent', (cell) => {
      cell.value = '';
      delete cell.formula;
    });
  }

  clearFormat(): EmulatedRange {
    return this.fill(null, 'clearFormat', (cell) => {
      delete cell.background;
      delete cell.fontWeight;
      delete cell.fontColor;
      delete cell.numberFormat;
    });
  }

  activate(): EmulatedRange {
    this._sheet.activate();
    return this;
  }

  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): EmulatedRange {
    return this._sheet.getRange(
      this.row + rowOffset,
      this.column + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numColumns,
    );
  }

  setWrap(): EmulatedRange {
    return this;
  }
}

function setNoteOf(cell: Cell, note: unknown): void {
  if (note === null || note === undefined || note === '') delete cell.note;
  else cell.note = String(note);
}

function setBackgroundOf(cell: Cell, color: unknown): void {
  if (color === null || color === undefined || color === '' || color === '#ffffff')
    delete cell.background;
  else cell.background = String(color).toLowerCase();
}

function setFontWeightOf(cell: Cell, weight: unknown): void {
  if (weight === 'bold') cell.fontWeight = 'bold';
  else delete cell.fontWeight;
}

function setNumberFormatOf(cell: Cell, format: unknown): void {
  if (format === null || format === undefined || format === '') delete cell.numberFormat;
  else cell.numberFormat = String(format);
}

function setValidationOf(cell: Cell, rule: unknown): void {
  if (rule instanceof EmulatedDataValidation) cell.validation = rule._rule;
  else delete cell.validation;
}

export class EmulatedRangeList
  extends SpreadsheetObject
  implements
    Mirror<
      GoogleAppsScript.Spreadsheet.RangeList,
      | 'getRanges'
      | 'setBackground'
      | 'setNote'
      | 'setFontWeight'
      | 'setNumberFormat'
      | 'setValue'
      | 'clear'
      | 'clearContent'
      | 'clearFormat'
    >
{
  readonly className = 'RangeList';

  [SCOPE](): string | undefined {
    return this.ranges[0]?.[SCOPE]();
  }

  constructor(private readonly ranges: EmulatedRange[]) {
    super();
  }

  getRanges(): EmulatedRange[] {
    return this.ranges;
  }

  private each(apply: (range: EmulatedRange) => void): EmulatedRangeList {
    for (const range of this.ranges) apply(range);
    return this;
  }

  setBackground(color: string | null): EmulatedRangeList {
    return this.each((r) => r.setBackground(color));
  }

  setNote(note: string | null): EmulatedRangeList {
    return this.each((r) => r.setNote(note));
  }

  setFontWeight(fontWeight: string | null): EmulatedRangeList {
    return this.each((r) => r.setFontWeight(fontWeight));
  }

  setNumberFormat(numberFormat: string): EmulatedRangeList {
    return this.each((r) => r.setNumberFormat(numberFormat));
  }

  setValue(value: unknown): EmulatedRangeList {
    return this.each((r) => r.setValue(value));
  }

  clear(): EmulatedRangeList {
    return this.each((r) => r.clear());
  }

  clearContent(): EmulatedRangeList {
    return this.each((r) => r.clearContent());
  }

  clearFormat(): EmulatedRangeList {
    return this.each((r) => r.clearFormat());
  }
}

export class EmulatedDataValidation
  extends SpreadsheetObject
  implements
    Mirror<
      GoogleAppsScript.Spreadsheet.DataValidation,
      'getCriteriaType' | 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText'
    >
{
  readonly className = 'DataValidation';

  constructor(readonly _rule: ValidationRule) {
    super();
  }

  getCriteriaType(): string {
    return this._rule.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this._rule.criteria === 'VALUE_IN_LIST'
      ? [[...this._rule.values], this._rule.showDropdown]
      : [];
  }

  getAllowInvalid(): boolean {
    return this._rule.allowInvalid;
  }

  getHelpText(): string {
    return this._rule.helpText;
  }
}

export class EmulatedDataValidationBuilder
  extends SpreadsheetObject
  implements
    Mirror<
      GoogleAppsScript.Spreadsheet.DataValidationBuilder,
      'requireValueInList' | 'requireCheckbox' | 'setAllowInvalid' | 'setHelpText' | 'build'
    >
{
  readonly className = 'DataValidationBuilder';
  private rule: ValidationRule = {
    criteria: 'VALUE_IN_LIST',
    values: [],
    showDropdown: true,
    allowInvalid: true,
    helpText: '',
  };

  requireValueInList(values: string[], showDropdown = true): EmulatedDataValidationBuilder {
    if (!Array.isArray(values) || values.length === 0) {
      throw new Error('Exception: The data validation rule requires at least one value.');
    }
    this.rule = {
      ...this.rule,
      criteria: 'VALUE_IN_LIST',
      values: values.map(String),
      showDropdown,
    };
    return this;
  }

  requireCheckbox(): EmulatedDataValidationBuilder {
    this.rule = { ...this.rule, criteria: 'CHECKBOX', values: [] };
    return this;
  }

  setAllowInvalid(allowInvalidData: boolean): EmulatedDataValidationBuilder {
    this.rule = { ...this.rule, allowInvalid: allowInvalidData };
    return this;
  }

  setHelpText(helpText: string): EmulatedDataValidationBuilder {
    this.rule = { ...this.rule, helpText };
    return this;
  }

  build(): EmulatedDataValidation {
    return new EmulatedDataValidation(this.rule);
  }
}

export class EmulatedUi
  extends SpreadsheetObject
  implements
    Mirror<
      GoogleAppsScript.Base.Ui,
      'createMenu' | 'alert' | 'prompt' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog'
    >
{
  readonly className = 'Ui';
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
  readonly ButtonSet = {
    OK: 'OK',
    OK_CANCEL: 'OK_CANCEL',
    YES_NO: 'YES_NO',
    YES_NO_CANCEL: 'YES_NO_CANCEL',
  } as const;

  constructor(private readonly model: UiModel) {
    super();
  }

  createMenu(caption: string): EmulatedMenu {
    return new EmulatedMenu(this.model, caption);
  }

  alert(
    titleOrPrompt: string,
    promptOrButtons?: string | GoogleAppsScript.Base.ButtonSet,
    buttons?: GoogleAppsScript.Base.ButtonSet,
  ): string {
    const { title, message, set } = this.dialogArgs(titleOrPrompt, promptOrButtons, buttons);
    return this.model.dialog({ kind: 'alert', title, message, buttons: set });
  }

  prompt(
    titleOrPrompt: string,
    promptOrButtons?: string | GoogleAppsScript.Base.ButtonSet,
    buttons?: GoogleAppsScript.Base.ButtonSet,
  ): EmulatedPromptResponse {
    const { title, message, set } = this.dialogArgs(titleOrPrompt, promptOrButtons, buttons);
    const answer = this.model.promptAnswer({ kind: 'prompt', title, message, buttons: set });
    return new EmulatedPromptResponse(answer.text, answer.button);
  }

  /** alert and prompt take (prompt), (prompt, buttons), (title, prompt) or (title, prompt, buttons). */
  private dialogArgs(
    first: string,
    second?: unknown,
    third?: unknown,
  ): { title: string; message: string; set: string } {
    const isButtonSet = (v: unknown): boolean => typeof v === 'string' && v in this.ButtonSet;
    const hasTitle = third !== undefined || (second !== undefined && !isButtonSet(second));
    return {
      title: hasTitle ? first : '',
      message: hasTitle ? String(second ?? '') : first,
      set: String((hasTitle ? third : second) ?? 'OK'),
    };
  }

  showSidebar(userInterface: { getContent(): string; getTitle(): string }): void {
    this.model.show('sidebar', userInterface.getTitle(), userInterface.getContent());
  }

  showModalDialog(userInterface: { getContent(): string }, title: string): void {
    this.model.show('modal', title, userInterface.getContent());
  }

  showModelessDialog(userInterface: { getContent(): string }, title: string): void {
    this.model.show('modeless', title, userInterface.getContent());
  }
}

export class EmulatedPromptResponse
  extends SpreadsheetObject
  implements Mirror<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'>
{
  readonly className = 'PromptResponse';

  constructor(
    private readonly text: string,
    private readonly button: string,
  ) {
    super();
  }

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): string {
    return this.button;
  }
}

export class EmulatedMenu
  extends SpreadsheetObject
  implements
    Mirror<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'>
{
  readonly className = 'Menu';
  readonly _items: { caption: string; functionName?: string; submenu?: EmulatedMenu }[] = [];

  constructor(
    private readonly model: UiModel,
    readonly _caption: string,
  ) {
    super();
  }

  addItem(caption: string, functionName: string): EmulatedMenu {
    this._items.push({ caption, functionName });
    return this;
  }

  addSeparator(): EmulatedMenu {
    this._items.push({ caption: '---' });
    return this;
  }

  addSubMenu(gasMenu: GoogleAppsScript.Base.Menu): EmulatedMenu {
    const menu = gasMenu as unknown as EmulatedMenu;
    this._items.push({ caption: menu._caption, submenu: menu });
    return this;
  }

  addToUi(): void {
    this.model.addMenu(this._caption, this.flatten());
  }

  private flatten(): { caption: string; functionName: string }[] {
    return this._items.flatMap((item) =>
      item.submenu
        ? item.submenu.flatten().map((i) => ({ ...i, caption: `${item.caption} › ${i.caption}` }))
        : item.functionName
          ? [{ caption: item.caption, functionName: item.functionName }]
          : [],
    );
  }
}
