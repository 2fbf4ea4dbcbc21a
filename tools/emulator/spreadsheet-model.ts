// The data behind an emulated spreadsheet: sheets as grids of cells with values, formulas, notes and
// formats. Plain objects, no call counting: the service facades in spreadsheet.ts sit on top.

import type { CellValue } from './values';

export interface ValidationRule {
  readonly criteria: 'VALUE_IN_LIST' | 'CHECKBOX';
  readonly values: readonly string[];
  readonly showDropdown: boolean;
  readonly allowInvalid: boolean;
  readonly helpText: string;
}

export interface Cell {
  value: CellValue;
  formula?: string;
  note?: string;
  background?: string;
  fontWeight?: 'bold' | 'normal';
  fontColor?: string;
  numberFormat?: string;
  validation?: ValidationRule;
}

export interface ChartModel {
  readonly id: number;
  readonly type: string;
  readonly ranges: readonly string[];
  readonly title: string;
  readonly anchorRow: number;
  readonly anchorColumn: number;
  readonly options: Readonly<Record<string, unknown>>;
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

let nextSheetId = 1;

type Rows = (Cell | undefined)[][];

/** A grid and how many sheets (a sheet and its clones) hold it unchanged: copy-on-write. */
interface RowStore {
  rows: Rows;
  holders: number;
}

export class SheetModel {
  readonly id: number;
  /**
   * The grid, shared with the clones of this sheet until one of them reaches it: a clone costs
   * nothing for the sheets an operation never touches (the emulator's speed only; every access
   * through `rows` sees a grid of its own, as with a deep copy).
   */
  private store: RowStore = { rows: [], holders: 1 };
  maxRows: number;
  maxColumns: number;
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  hidden = false;
  readonly columnWidths = new Map<number, number>();
  charts: ChartModel[] = [];

  constructor(
    public name: string,
    maxRows = DEFAULT_ROWS,
    maxColumns = DEFAULT_COLUMNS,
  ) {
    this.id = nextSheetId++;
    this.maxRows = maxRows;
    this.maxColumns = maxColumns;
  }

  /** rows[r][c], 0-based; missing entries are empty cells. */
  get rows(): Rows {
    const store = this.store;
    if (store.holders > 1) {
      store.holders--;
      this.store = { rows: copyRows(store.rows), holders: 1 };
    }
    return this.store.rows;
  }

  set rows(rows: Rows) {
    if (this.store.holders > 1) this.store.holders--;
    this.store = { rows, holders: 1 };
  }

  /** The grid for reading only, without taking a copy of a shared grid: never write into it. */
  peekRows(): readonly (readonly (Cell | undefined)[] | undefined)[] {
    return this.store.rows;
  }

  /** The cell at 1-based row and column, for reading only (a shared grid stays shared). */
  peekCell(row: number, column: number): Readonly<Cell> | undefined {
    return this.store.rows[row - 1]?.[column - 1];
  }

  /** A copy of this sheet whose grid is shared until either side reaches it through `rows`. */
  clone(): SheetModel {
    const t = Object.assign(Object.create(SheetModel.prototype) as SheetModel, this);
    this.store.holders++;
    (t as { columnWidths: Map<number, number> }).columnWidths = new Map(this.columnWidths);
    t.charts = [...this.charts];
    return t;
  }

  /** The cell at 1-based row and column, created when `create` is set. */
  cell(row: number, column: number, create: true): Cell;
  cell(row: number, column: number, create?: false): Cell | undefined;
  cell(row: number, column: number, create = false): Cell | undefined {
    let line = this.rows[row - 1];
    if (!line) {
      if (!create) return undefined;
      line = this.rows[row - 1] = [];
    }
    let c = line[column - 1];
    if (!c && create) c = line[column - 1] = { value: '' };
    return c;
  }

  value(row: number, column: number): CellValue {
    return this.store.rows[row - 1]?.[column - 1]?.value ?? '';
  }

  /** Last row holding a value or a formula (notes and formats do not count), 0 when empty. */
  lastRow(): number {
    const rows = this.store.rows;
    for (let r = rows.length; r >= 1; r--) {
      if (rows[r - 1]?.some(hasContent)) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const line of this.store.rows) {
      if (!line) continue;
      for (let c = line.length; c > last; c--) {
        if (hasContent(line[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  insertRows(afterRow: number, count: number): void {
    const blank = Array.from({ length: count }, () => [] as (Cell | undefined)[]);
    if (this.rows.length > afterRow) this.rows.splice(afterRow, 0, ...blank);
    this.maxRows += count;
  }

  insertColumns(afterColumn: number, count: number): void {
    for (const line of this.rows) {
      if (line && line.length > afterColumn) line.splice(afterColumn, 0, ...new Array(count));
    }
    this.maxColumns += count;
  }

  deleteRows(row: number, count: number): void {
    this.rows.splice(row - 1, count);
    this.maxRows -= count;
  }

  /** A plain matrix of the values of the used area, for tests and file export. */
  values(): CellValue[][] {
    const height = this.lastRow();
    const width = this.lastColumn();
    return Array.from({ length: height }, (_, r) =>
      Array.from({ length: width }, (_, c) => this.value(r + 1, c + 1)),
    );
  }
}

function hasContent(cell: Cell | undefined): boolean {
  return !!cell && (cell.value !== '' || !!cell.formula);
}

let nextSpreadsheetId = 1;

export class SpreadsheetModel {
  readonly id: string;
  sheets: SheetModel[] = [];
  activeSheet: SheetModel | undefined;
  timeZone = 'Europe/Paris';
  /** Spreadsheet locale (File › Settings): fr_FR for the coordinator's workbook. */
  locale = 'fr_FR';
  /**
   * How a string written into a Plain-text (`@`) cell is stored. Google does not document it, so
   * the emulator models both readings: 'apostrophe-hidden' (a leading apostrophe only forces text
   * and is dropped, `=` starts a formula, as in a General cell) and 'literal' (the string is stored
   * exactly as given: a leading apostrophe stays a character, `=` stays text).
   */
  plainText: 'apostrophe-hidden' | 'literal' = 'apostrophe-hidden';
  readonly toasts: { message: string; title: string }[] = [];
  /** Toasts raised by executions nobody was watching (time-driven triggers). */
  readonly unseenToasts: { message: string; title: string }[] = [];

  constructor(public name = 'Suivi du groupement') {
    this.id = `emulated-spreadsheet-${nextSpreadsheetId++}`;
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** The sheet by name, for tests: throws when absent. */
  requireSheet(name: string): SheetModel {
    const found = this.sheet(name);
    if (!found) throw new Error(`No sheet named ${name}`);
    return found;
  }

  addSheet(name: string, index = this.sheets.length): SheetModel {
    const sheet = new SheetModel(name);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** A deep copy, to compare a workbook before and after an operation. */
  clone(): SpreadsheetModel {
    const copy = new SpreadsheetModel(this.name);
    copy.timeZone = this.timeZone;
    copy.locale = this.locale;
    copy.plainText = this.plainText;
    copy.sheets = this.sheets.map((s) => s.clone());
    copy.activeSheet = copy.sheets[this.sheets.indexOf(this.activeSheet as SheetModel)];
    return copy;
  }
}

function copyRows(rows: Rows): Rows {
  return rows.map((line) =>
    line ? line.map((c) => (c ? { ...c, value: copyValue(c.value) } : c)) : line,
  );
}

function copyValue(v: CellValue): CellValue {
  return v instanceof Date ? new Date(v.getTime()) : v;
}
