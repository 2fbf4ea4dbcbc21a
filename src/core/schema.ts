// How the tool describes a sheet: its name, its columns, who owns each column, and their formats.

import { normalizeKey } from './text';

/** A cell value as Apps Script returns it: empty cells are ''. */
export type CellValue = string | number | boolean | Date;

export type ColumnKind =
  | 'text'
  | 'integer'
  | 'date'
  | 'datetime'
  | 'email'
  | 'phone'
  | 'uai'
  /** A code Sheets would read as a number or a date (dossier number, a setting's value). */
  | 'code'
  | 'choice'
  | 'url';

export interface ColumnSpec {
  /** Identifier used in code. */
  readonly key: string;
  /** Header written in row 1, in French. */
  readonly header: string;
  /** Note on the header cell that tells the coordinator what the column holds. */
  readonly note: string;
  /** 'tool' columns are computed and rewritten by the tool; 'user' columns are never rewritten. */
  readonly owner: 'user' | 'tool';
  readonly kind: ColumnKind;
  /** Dropdown values, for kind 'choice'. */
  readonly choices?: readonly string[];
  /** Other headers accepted for this column (earlier names, common variants). */
  readonly aliases?: readonly string[];
  readonly width?: number;
}

export interface SheetSpec {
  readonly key: string;
  readonly name: string;
  /** One sentence on what the sheet is for, shown in the repair report and the help page. */
  readonly purpose: string;
  readonly columns: readonly ColumnSpec[];
  readonly tabColor?: string;
  /** A sheet without managed columns (a pasted export, the dashboard): only created if missing. */
  readonly freeform?: boolean;
  /** Rows the tool provides (settings, mapping), identified by the value of `keyColumn`. */
  readonly seed?: {
    readonly keyColumn: string;
    readonly rows: readonly Record<string, CellValue>[];
  };
}

/** The keys of every column of a sheet, in the spec's order. */
export const columnKeys = (spec: SheetSpec): string[] => spec.columns.map((c) => c.key);

/**
 * Number format of a column of the given kind (Sheets pattern syntax); '' leaves the cell in
 * General, where Sheets shows numbers and dates as they are and the tool's writes stay literal (see
 * toCell). Only what General would get wrong is formatted: UAI, codes and phones as Plain text (a
 * phone typed in General loses its leading zero, a dossier number becomes a number, « 054 » in a
 * setting 54) and dates, so that a value typed or appended later keeps its meaning. Initialise/repair formats only these columns, and every write of the tool
 * assumes this same format.
 */
export function numberFormatOf(kind: ColumnKind): string {
  switch (kind) {
    case 'date':
      return 'dd/mm/yyyy';
    case 'datetime':
      return 'dd/mm/yyyy hh:mm';
    case 'uai':
    case 'phone':
    case 'code':
      return '@';
    default:
      return '';
  }
}

export const HEADER_BACKGROUND = { user: '#dbe8f7', tool: '#e6e6e6' } as const;

/** Position (1-based) of each spec column found in a header row; absent columns are missing. */
export interface HeaderMatch {
  readonly positions: ReadonlyMap<string, number>;
  readonly missing: readonly ColumnSpec[];
}

export function matchHeaders(spec: SheetSpec, headerRow: readonly unknown[]): HeaderMatch {
  const byKey = new Map<string, number>();
  headerRow.forEach((cell, index) => {
    const key = normalizeKey(String(cell ?? ''));
    if (key !== '' && !byKey.has(key)) byKey.set(key, index + 1);
  });
  const positions = new Map<string, number>();
  const missing: ColumnSpec[] = [];
  for (const column of spec.columns) {
    const names = [column.header, ...(column.aliases ?? [])].map(normalizeKey);
    const found = names.map((n) => byKey.get(n)).find((p) => p !== undefined);
    if (found === undefined) missing.push(column);
    else positions.set(column.key, found);
  }
  return { positions, missing };
}
