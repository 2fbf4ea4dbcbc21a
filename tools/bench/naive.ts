// The census validation written the common way, as most sheet scripts are: one getValue per cell
// read and one setValue per cell written. Same rules, same result; only the calls differ.

import {
  type CensusContext,
  issuesText,
  STATUS_LABELS,
  validateMember,
} from '../../src/core/census';
import { MEMBERS_SHEET } from '../../src/core/sheets';
import type { CellValue } from '../../src/core/schema';
import type { GasGlobals } from '../emulator';

export function naiveValidation(g: GasGlobals, ctx: CensusContext): void {
  const sheet = g.SpreadsheetApp.getActive().getSheetByName(
    MEMBERS_SHEET.name,
  ) as GoogleAppsScript.Spreadsheet.Sheet;
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const keys: string[] = [];
  for (let c = 1; c <= lastColumn; c++) {
    const header = String(sheet.getRange(1, c).getValue());
    keys.push(MEMBERS_SHEET.columns.find((col) => col.header === header)?.key ?? '');
  }
  const checkColumn = keys.indexOf('check') + 1;
  const issuesColumn = keys.indexOf('issues') + 1;
  for (let r = 2; r <= lastRow; r++) {
    const cells: Record<string, CellValue> = {};
    for (let c = 1; c <= lastColumn; c++)
      if (keys[c - 1]) cells[keys[c - 1]] = sheet.getRange(r, c).getValue() as CellValue;
    const issues = validateMember({ row: r, cells }, ctx);
    const status = issues.some((i) => i.severity === 'bloquant')
      ? 'blocking'
      : issues.length
        ? 'warning'
        : 'ok';
    sheet.getRange(r, checkColumn).setValue(STATUS_LABELS[status]);
    sheet.getRange(r, issuesColumn).setValue(issuesText(issues));
  }
}
