// Comparable pictures of an emulated spreadsheet: whole workbook, or every cell of one sheet.

import type { Cell, SheetModel, SpreadsheetModel } from '../../tools/emulator';

/** A cell holding nothing but an empty value (no formula, note or format). */
function isEmpty(cell: Cell): boolean {
  if (cell.value !== '') return false;
  for (const key in cell) if (key !== 'value') return false;
  return true;
}

const cellPicture = (cell: Cell | undefined): unknown => {
  if (!cell || isEmpty(cell)) return undefined;
  if (!(cell.value instanceof Date)) return cell;
  return { ...cell, value: `date:${cell.value.toISOString()}` };
};

export function workbookPicture(model: SpreadsheetModel): unknown {
  return model.sheets.map((s) => ({ ...sheetFrame(s), cells: cellsPicture(s) }));
}

/** What workbookPicture holds of a sheet besides its cells. */
export function sheetFrame(s: SheetModel): Record<string, unknown> {
  return {
    name: s.name,
    maxRows: s.maxRows,
    maxColumns: s.maxColumns,
    frozenRows: s.frozenRows,
    tabColor: s.tabColor,
    widths: [...s.columnWidths.entries()],
  };
}

/** The cells of a sheet as workbookPicture holds them. */
export function cellsPicture(s: SheetModel): unknown[][] {
  // peekRows: reading does not take a copy of a grid shared with the clone it came from.
  return trimEnd(Array.from(s.peekRows(), (line) => trimEnd((line ?? []).map(cellPicture))));
}

/** Every non-empty cell of a sheet as "A1-style key -> picture", to compare before and after. */
export function cellsOf(model: SpreadsheetModel, sheetName: string): Map<string, unknown> {
  const sheet = model.requireSheet(sheetName);
  const out = new Map<string, unknown>();
  sheet.peekRows().forEach((line, r) =>
    line?.forEach((cell, c) => {
      if (cell && !isEmpty(cell)) out.set(`R${r + 1}C${c + 1}`, JSON.stringify(cellPicture(cell)));
    }),
  );
  return out;
}

/** Drops trailing empty entries, so that a cell written empty equals a cell never written. */
function trimEnd<T>(items: T[]): T[] {
  let end = items.length;
  while (
    end > 0 &&
    (items[end - 1] === undefined ||
      (Array.isArray(items[end - 1]) && (items[end - 1] as unknown[]).length === 0))
  )
    end--;
  return items.slice(0, end);
}
