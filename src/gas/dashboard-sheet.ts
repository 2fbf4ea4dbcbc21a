// Writes the dashboard sheet: the whole block in one call per property (texts literal), and one
// stacked-bar chart.

import type { DashboardLayout } from '../core/dashboard';
import { DASHBOARD_SHEET } from '../core/workbook';
import { toCell } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function writeDashboard(spreadsheet: Spreadsheet, layout: DashboardLayout): void {
  const sheet =
    spreadsheet.getSheetByName(DASHBOARD_SHEET.name) ??
    spreadsheet.insertSheet(DASHBOARD_SHEET.name, 0);
  sheet.clear();
  const rows = layout.values.length;
  const columns = layout.values[0].length;
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  const range = sheet.getRange(1, 1, rows, columns);
  // Every text is literal: a school name or a wave beginning with "=" never becomes a formula.
  range.setValues(layout.values.map((line) => line.map((value) => toCell(value))));
  range.setBackgrounds(layout.backgrounds);
  range.setFontWeights(layout.weights as GoogleAppsScript.Spreadsheet.FontWeight[][]);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const data = layout.chartData;
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.BAR)
    .addRange(sheet.getRange(data.row, data.column, data.numRows, data.numColumns))
    .setOption('isStacked', true)
    .setOption('title', 'Statut par service')
    .setOption('colors', ['#9e9e9e', '#f1c232', '#cc0000', '#6aa84f'])
    .setPosition(layout.chartAnchor.row, layout.chartAnchor.column, 0, 0)
    .build();
  sheet.insertChart(chart);
}
