// The working workbook as the coordinator opens it: on the members sheet, without the empty sheet a
// new spreadsheet starts with, and a dashboard sheet that says where its chart is (an .xlsx file
// written here carries no chart) with its percentages as numbers.

import type { SpreadsheetModel } from '../emulator';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { DASHBOARD_SHEET } from '../../src/core/workbook/dashboard';

const EMPTY_NEW_SHEET = /^(Feuille|Sheet|Feuil)\s*\d+$/;
export const CHART_HEADING =
  'Répartition par statut — le graphique est dans le classeur Google Sheets et dans tableau-de-bord.html';

export function finishWorkbook(model: SpreadsheetModel): void {
  model.sheets = model.sheets.filter(
    (sheet) =>
      !(EMPTY_NEW_SHEET.test(sheet.name) && sheet.lastRow() === 0) || model.sheets.length === 1,
  );
  const members = model.sheet(MEMBERS_SHEET.name);
  model.activeSheet = members ?? model.sheets[0];
  const dashboard = model.sheet(DASHBOARD_SHEET.name);
  if (!dashboard) return;
  dashboard.rows.forEach((line) =>
    line?.forEach((cell) => {
      if (!cell || typeof cell.value !== 'string') return;
      if (/^Répartition par statut \(graphique\)$/.test(cell.value)) cell.value = CHART_HEADING;
      const percent = /^(\d+) %$/.exec(cell.value);
      if (percent) {
        cell.value = Number(percent[1]) / 100;
        cell.numberFormat = '0 %';
      }
    }),
  );
}
