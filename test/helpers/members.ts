// Building members rows for tests: the sample schools, or rows given cell by cell.

import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import type { AppsScriptWorld, CellValue } from '../../tools/emulator';

/** Writes rows (by column key) below the members header, as a coordinator would type them. */
export function typeRows(world: AppsScriptWorld, rows: readonly Record<string, CellValue>[]): void {
  const sheet = world.spreadsheet.requireSheet(MEMBERS_SHEET.name);
  const first = sheet.lastRow() + 1;
  if (first + rows.length > sheet.maxRows) sheet.maxRows = first + rows.length;
  rows.forEach((row, i) => {
    MEMBERS_SHEET.columns.forEach((column, c) => {
      const value = row[column.key];
      if (value !== undefined && value !== '') sheet.cell(first + i, c + 1, true).value = value;
    });
  });
}

export const columnOf = (key: string): number =>
  MEMBERS_SHEET.columns.findIndex((c) => c.key === key) + 1;

export const USER_KEYS = MEMBERS_SHEET.columns.filter((c) => c.owner === 'user').map((c) => c.key);

/** Values of the user's columns, row by row, to prove the tool left them alone. */
export function userValues(world: AppsScriptWorld): unknown[][] {
  const sheet = world.spreadsheet.requireSheet(MEMBERS_SHEET.name);
  return sheet.values().map((line) =>
    USER_KEYS.map((k) => {
      const v = line[columnOf(k) - 1];
      return v instanceof Date ? v.toISOString() : v;
    }),
  );
}
