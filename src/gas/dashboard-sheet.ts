// Writes the dashboard sheet: the whole block's values and colours in one call each (texts literal),
// the bold lines in one more, and one stacked-bar chart.

import { CHART_COLORS, type DashboardLayout } from '../core/dashboard';
import { columnLetter } from '../core/text';
import { DASHBOARD_SHEET } from '../core/workbook';
import { toCell } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The A1 notations of the runs of bold cells, line by line. */
function boldRanges(weights: readonly (readonly string[])[]): string[] {
  const ranges: string[] = [];
  weights.forEach((line, r) => {
    let start = -1;
    for (let c = 0; c <= line.length; c++) {
      const bold = c < line.length && line[c] === 'bold';
      if (bold && start < 0) start = c;
      if (!bold && start >= 0) {
        ranges.push(`${columnLetter(start + 1)}${r + 1}:${columnLetter(c)}${r + 1}`);
        start = -1;
      }
    }
  });
  return ranges;
}

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
  // clear() left every cell in normal weight: only the bold cells are written, in one call.
  const bold = boldRanges(layout.weights);
  if (bold.length > 0) sheet.getRangeList(bold).setFontWeight('bold');
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const data = layout.chartData;
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.BAR)
    .addRange(sheet.getRange(data.row, data.column, data.numRows, data.numColumns))
    .setOption('isStacked', true)
    .setOption('title', 'Statut par service')
    .setOption('colors', CHART_COLORS)
    .setPosition(layout.chartAnchor.row, layout.chartAnchor.column, 0, 0)
    .build();
  sheet.insertChart(chart);
}
