// Naive baselines of the benchmark. The census validation and the tracking refresh written the
// common way, as most sheet scripts are: one getValue per cell read and one setValue per cell
// written (same rules, same result; only the calls differ). For every operation, a model of the
// same run made row by row (rowByRow).

import {
  type CensusContext,
  issuesText,
  STATUS_LABELS,
  validateMember,
} from '../../src/core/census';
import { resolveSettings } from '../../src/core/settings';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { computeRow, TRACKING_STATUS } from '../../src/core/tracking';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import type { CellValue, SheetSpec } from '../../src/core/schema';
import type { CallCost, GasGlobals } from '../emulator';
import { LATENCY_MODEL } from './latency';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The naive way to read a sheet: each header cell, then each row's cells, one getValue each. */
function* rowsCellByCell(
  sheet: Sheet,
  spec: SheetSpec,
): Generator<{ row: number; cells: Record<string, CellValue>; column: (key: string) => number }> {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const keys: string[] = [];
  for (let c = 1; c <= lastColumn; c++) {
    const header = String(sheet.getRange(1, c).getValue());
    keys.push(spec.columns.find((col) => col.header === header)?.key ?? '');
  }
  const column = (key: string): number => keys.indexOf(key) + 1;
  for (let r = 2; r <= lastRow; r++) {
    const cells: Record<string, CellValue> = {};
    for (let c = 1; c <= lastColumn; c++)
      if (keys[c - 1]) cells[keys[c - 1]] = sheet.getRange(r, c).getValue() as CellValue;
    yield { row: r, cells, column };
  }
}

export function naiveValidation(g: GasGlobals, ctx: CensusContext): void {
  const sheet = g.SpreadsheetApp.getActive().getSheetByName(MEMBERS_SHEET.name) as Sheet;
  for (const { row: r, cells, column } of rowsCellByCell(sheet, MEMBERS_SHEET)) {
    const issues = validateMember({ row: r, cells }, ctx);
    const status = issues.some((i) => i.severity === 'bloquant')
      ? 'blocking'
      : issues.length
        ? 'warning'
        : 'ok';
    sheet.getRange(r, column('check')).setValue(STATUS_LABELS[status]);
    sheet.getRange(r, column('issues')).setValue(issuesText(issues));
  }
}

/**
 * The tracking refresh written the common way: the Suivi read cell by cell, each row's status,
 * next action, actor and lateness computed by the same core function, and written cell by cell.
 */
export function naiveRefresh(g: GasGlobals, today: Date): void {
  const sheet = g.SpreadsheetApp.getActive().getSheetByName(TRACKING_SHEET.name) as Sheet;
  const { settings } = resolveSettings(new Map()); // the defaults
  for (const { row: r, cells, column } of rowsCellByCell(sheet, TRACKING_SHEET)) {
    const computed = computeRow(cells, settings, today);
    sheet.getRange(r, column('status')).setValue(TRACKING_STATUS[computed.status].label);
    sheet.getRange(r, column('nextAction')).setValue(computed.nextAction);
    sheet.getRange(r, column('actor')).setValue(computed.actor);
    sheet.getRange(r, column('lateDays')).setValue(computed.lateDays);
  }
}

export const ratio = (a: number, b: number): number => Math.round((a / b) * 10) / 10;

/** A naive baseline and the project's ratio to it. */
export interface Baseline {
  sheetCalls: number;
  simulatedSeconds: number;
  ratioCalls: number;
  ratioTime: number;
}

/**
 * The "row-by-row equivalent" of a run, a model rather than a second implementation: the same
 * calls, except that every call moving a matrix of cells (getValues, setValues, setNotes,
 * getBackgrounds…) over several rows is made once per row, each with its own getRange, as scripts
 * that loop over rows do. Calls that give a whole range one value (setNumberFormat,
 * setDataValidation) stay as they are: those scripts format a column at once too. Cells and every
 * other call stay as recorded: the difference is 2 × (rows − calls) Sheets calls and their latency.
 */
export function rowByRow(
  sheetCalls: number,
  simulatedSeconds: number,
  costs: Record<string, CallCost>,
): Baseline {
  let extra = 0;
  for (const [key, c] of Object.entries(costs)) {
    const method = key.split('.').pop() ?? '';
    if (/^(get|set)[A-Za-z]+s$/.test(method) && c.rows > c.calls) extra += 2 * (c.rows - c.calls);
  }
  const calls = sheetCalls + extra;
  const seconds =
    Math.round((simulatedSeconds + (extra * LATENCY_MODEL.perCall.SpreadsheetApp) / 1000) * 10) /
    10;
  return {
    sheetCalls: calls,
    simulatedSeconds: seconds,
    ratioCalls: ratio(calls, sheetCalls),
    ratioTime: ratio(seconds, simulatedSeconds),
  };
}
