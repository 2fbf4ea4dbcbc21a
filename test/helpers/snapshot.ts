// Comparable pictures of an emulated spreadsheet: whole workbook, or every cell of one sheet.

import type { SpreadsheetModel, Cell } from '../../tools/emulator';

const isEmpty = (cell: Cell): boolean => cell.value === '' && Object.keys(cell).length === 1;

const cellPicture = (cell: Cell | undefined): unknown => {
  if (!cell || isEmpty(cell)) return undefined;
  if (!(cell.value instanceof Date)) return cell;
  return { ...cell, value: `date:${cell.value.toISOString()}` };
};

export function workbookPicture(model: SpreadsheetModel): unknown {
  return model.sheets.map((s) => ({
    name: s.name,
    maxRows: s.maxRows,
    maxColumns: s.maxColumns,
    frozenRows: s.frozenRows,
    tabColor: s.tabColor,
    widths: [...s.columnWidths.entries()],
    cells: trimEnd(Array.from(s.rows, (line) => trimEnd((line ?? []).map(cellPicture)))),
  }));
}

/** Every non-empty cell of a sheet as "A1-style key -> picture", to compare before and after. */
export function cellsOf(model: SpreadsheetModel, sheetName: string): Map<string, unknown> {
  const sheet = model.requireSheet(sheetName);
  const out = new Map<string, unknown>();
  sheet.rows.forEach((line, r) =>
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
