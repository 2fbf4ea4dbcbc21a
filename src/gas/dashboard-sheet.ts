// Writes the dashboard sheet: the whole block's values and colours in one call each (texts literal),
// the bold lines in one more, and one stacked-bar chart.

import { CHART_COLORS, type DashboardLayout, WHITE } from '../core/dashboard';
import { columnLetter } from '../core/text';
import { DASHBOARD_SHEET } from '../core/workbook/dashboard';
import { toCell } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The A1 notations of the runs of equal cells, line by line, by value; `plain` (what clear() left)
 * is left out: only the cells that differ from it are written.
 */
function rangesByValue(
  matrix: readonly (readonly string[])[],
  plain: string,
): Map<string, string[]> {
  const ranges = new Map<string, string[]>();
  matrix.forEach((line, r) => {
    let start = 0;
    for (let c = 1; c <= line.length; c++) {
      if (c < line.length && line[c] === line[start]) continue;
      const value = line[start];
      if (value !== plain) {
        const list = ranges.get(value) ?? [];
        list.push(`${columnLetter(start + 1)}${r + 1}:${columnLetter(c)}${r + 1}`);
        ranges.set(value, list);
      }
      start = c;
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
  // clear() left every cell white and in normal weight: only the other cells are written, one call
  // per colour and one for the bold cells.
  for (const [colour, ranges] of rangesByValue(layout.backgrounds, WHITE))
    sheet.getRangeList(ranges).setBackground(colour);
  const bold = rangesByValue(layout.weights, 'normal').get('bold');
  if (bold) sheet.getRangeList(bold).setFontWeight('bold');
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
