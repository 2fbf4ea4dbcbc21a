// Comparable pictures of an emulated spreadsheet: whole workbook, or every cell of one sheet.

import { createHash } from 'node:crypto';
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

/** The JSON of the cells of grids no execution writes, by grid (see pictureDigest). */
export type KnownGrids = Map<unknown, { readonly name: string; readonly cells: string }>;

/**
 * A sha1 of the workbook's picture (as workbookPicture), sheet by sheet: `skip` leaves sheets out,
 * `cells` trims a sheet's cells (what depends on the moment). With `known`, the JSON of a grid
 * already pictured is reused: a sheet an execution never wrote still shares its grid with the
 * workbook it was cloned from (the emulator's clone is copy-on-write, and a shared grid is never
 * written), so it is not pictured again for each kill. `remember` records this workbook's grids:
 * only for a workbook no execution will write.
 */
export function pictureDigest(
  model: SpreadsheetModel,
  options: {
    readonly skip?: (name: string) => boolean;
    readonly cells?: (name: string, cells: unknown[][]) => unknown[][];
    readonly known?: KnownGrids;
    readonly remember?: boolean;
  } = {},
): string {
  const hash = createHash('sha1');
  for (const sheet of model.sheets) {
    if (options.skip?.(sheet.name)) continue;
    const seen = options.known?.get(sheet.peekRows());
    let cells = seen?.name === sheet.name ? seen.cells : undefined;
    if (cells === undefined) {
      const picture = cellsPicture(sheet);
      cells = JSON.stringify(options.cells ? options.cells(sheet.name, picture) : picture);
      if (options.remember) options.known?.set(sheet.peekRows(), { name: sheet.name, cells });
    }
    hash.update(`${JSON.stringify(sheetFrame(sheet))}\n${cells}\n`);
  }
  return hash.digest('hex');
}
