// Workbook files: loads an .xlsx file into the emulator's spreadsheet and saves it back, with values,
// dates, formulas' cached results, notes, fills, bold, number formats, frozen rows, tab colours,
// column widths and dropdown lists. Dates are wall-clock times of the spreadsheet's zone.

import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import {
  SpreadsheetModel,
  type SheetModel,
  type Cell,
  type CellValue,
  wallClock,
} from '../emulator';
import type { ValidationRule } from '../emulator/spreadsheet-model';

const PX_PER_CHAR = 7;

/** exceljs reads and writes a date as the UTC instant whose UTC fields are the wall clock. */
function fromFileDate(date: Date, timeZone: string): Date {
  return wallClock.toInstant(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    },
    timeZone,
  );
}

function toFileDate(date: Date, timeZone: string): Date {
  const p = wallClock.parts(date, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
const hexOf = (color: { argb?: string } | undefined): string | undefined =>
  color?.argb ? `#${color.argb.slice(-6).toLowerCase()}` : undefined;

function readValue(
  value: ExcelJS.CellValue,
  timeZone: string,
): { value: CellValue; formula?: string } {
  if (value === null || value === undefined) return { value: '' };
  if (value instanceof Date) return { value: fromFileDate(value, timeZone) };
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    return { value };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const v = value as ExcelJS.CellFormulaValue;
    const result = v.result instanceof Date ? fromFileDate(v.result, timeZone) : v.result;
    const plain =
      typeof result === 'object' && result !== null && !(result instanceof Date)
        ? ''
        : (result ?? '');
    return { value: plain as CellValue, formula: v.formula ? `=${v.formula}` : undefined };
  }
  if ('richText' in value) return { value: value.richText.map((t) => t.text).join('') };
  if ('hyperlink' in value) return { value: String((value as ExcelJS.CellHyperlinkValue).text) };
  if ('error' in value) return { value: String((value as ExcelJS.CellErrorValue).error) };
  return { value: String(value) };
}

function noteText(note: ExcelJS.Comment | string | undefined): string | undefined {
  if (!note) return undefined;
  if (typeof note === 'string') return note;
  return note.texts?.map((t) => t.text).join('') || undefined;
}

function listValues(formula: string | undefined): string[] {
  const m = /^"(.*)"$/.exec(formula ?? '');
  return m ? m[1].split(',') : [];
}

function eachAddress(address: string, visit: (row: number, column: number) => void): void {
  for (const part of address.split(/\s+/)) {
    const [start, end] = part.split(':');
    const a = /([A-Z]+)(\d+)/.exec(start);
    const b = /([A-Z]+)(\d+)/.exec(end ?? start);
    if (!a || !b) continue;
    const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    for (let r = +a[2]; r <= +b[2]; r++) for (let c = col(a[1]); c <= col(b[1]); c++) visit(r, c);
  }
}

export async function loadWorkbook(file: string): Promise<SpreadsheetModel> {
  return (await loadWorkbookFile(file)).model;
}

/** Where a working workbook comes from, kept in the file's properties (see saveWorkbook). */
const ORIGIN_PREFIX = 'groupement-origine:';

/** Loads a workbook and the origin the command line recorded in it (none for a user's file). */
export async function loadWorkbookFile(
  file: string,
): Promise<{ model: SpreadsheetModel; origin?: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const description = workbook.description ?? '';
  return {
    model: fromExcel(workbook),
    origin: description.startsWith(ORIGIN_PREFIX)
      ? description.slice(ORIGIN_PREFIX.length)
      : undefined,
  };
}

export async function loadWorkbookBuffer(data: Buffer): Promise<SpreadsheetModel> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return fromExcel(workbook);
}

function fromExcel(workbook: ExcelJS.Workbook): SpreadsheetModel {
  const model = new SpreadsheetModel(workbook.title || 'Classeur');
  const timeZone = model.timeZone;
  workbook.eachSheet((ws) => {
    const sheet = model.addSheet(ws.name);
    sheet.maxRows = Math.max(sheet.maxRows, ws.rowCount);
    sheet.maxColumns = Math.max(sheet.maxColumns, ws.columnCount);
    const view = ws.views?.[0] as { state?: string; ySplit?: number; xSplit?: number } | undefined;
    if (view?.state === 'frozen') {
      sheet.frozenRows = view.ySplit ?? 0;
      sheet.frozenColumns = view.xSplit ?? 0;
    }
    sheet.tabColor = hexOf(ws.properties.tabColor as { argb?: string } | undefined) ?? null;
    sheet.hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
    ws.columns?.forEach((column, i) => {
      if (column.width) sheet.columnWidths.set(i + 1, Math.round(column.width * PX_PER_CHAR));
    });
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
        const read = readValue(cell.value, timeZone);
        const note = noteText(cell.note as ExcelJS.Comment | string | undefined);
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        const background =
          fill?.type === 'pattern' && fill.pattern === 'solid' ? hexOf(fill.fgColor) : undefined;
        const bold = cell.font?.bold;
        const numberFormat = cell.numFmt || undefined;
        if (read.value === '' && !read.formula && !note && !background && !bold && !numberFormat)
          return;
        const target = sheet.cell(rowNumber, columnNumber, true);
        target.value = read.value;
        if (read.formula) target.formula = read.formula;
        if (note) target.note = note;
        if (background && background !== '#ffffff') target.background = background;
        if (bold) target.fontWeight = 'bold';
        if (numberFormat && numberFormat !== 'General') target.numberFormat = numberFormat;
      });
    });
    const validations = (
      ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    for (const [address, dv] of Object.entries(validations)) {
      if (!dv || dv.type !== 'list') continue;
      const rule: ValidationRule = {
        criteria: 'VALUE_IN_LIST',
        values: listValues(dv.formulae?.[0] as string | undefined),
        showDropdown: true,
        allowInvalid: !dv.showErrorMessage,
        helpText: dv.prompt ?? '',
      };
      eachAddress(address, (r, c) => {
        sheet.cell(r, c, true).validation = rule;
      });
    }
  });
  const active = (workbook.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
  if (model.sheets.length > 0) model.activeSheet = model.sheets[active] ?? model.sheets[0];
  return model;
}

function writeCell(target: ExcelJS.Cell, cell: Cell, timeZone: string): void {
  const value = cell.value instanceof Date ? toFileDate(cell.value, timeZone) : cell.value;
  if (cell.formula) {
    target.value = {
      formula: cell.formula.slice(1),
      result: value === '' ? undefined : value,
    } as ExcelJS.CellFormulaValue;
  } else if (value !== '' || cell.note) {
    // exceljs drops the note of a cell that holds no value at all.
    target.value = value;
  }
  if (cell.note) target.note = cell.note;
  if (cell.background) {
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(cell.background) } };
  }
  if (cell.fontWeight === 'bold') target.font = { bold: true };
  if (cell.numberFormat) target.numFmt = cell.numberFormat;
  else if (cell.value instanceof Date) target.numFmt = 'dd/mm/yyyy hh:mm';
}

function validationOf(rule: ValidationRule): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${rule.values.join(',')}"`],
    showErrorMessage: !rule.allowInvalid,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
    showInputMessage: rule.helpText !== '',
    prompt: rule.helpText || undefined,
  };
}

function addSheet(workbook: ExcelJS.Workbook, sheet: SheetModel, timeZone: string): void {
  const ws = workbook.addWorksheet(sheet.name, {
    views:
      sheet.frozenRows || sheet.frozenColumns
        ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenColumns }]
        : undefined,
    properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : undefined,
    state: sheet.hidden ? 'hidden' : 'visible',
  });
  for (const [column, px] of sheet.columnWidths) ws.getColumn(column).width = px / PX_PER_CHAR;
  for (const [column, chars] of fittedWidths(sheet))
    if (!sheet.columnWidths.has(column)) ws.getColumn(column).width = chars;
  sheet.rows.forEach((line, r) => {
    line?.forEach((cell, c) => {
      if (!cell) return;
      writeCell(ws.getCell(r + 1, c + 1), cell, timeZone);
      if (cell.validation?.criteria === 'VALUE_IN_LIST') {
        ws.getCell(r + 1, c + 1).dataValidation = validationOf(cell.validation);
      }
    });
  });
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Widths (in characters) that fit each column's longest line, within bounds. */
function fittedWidths(sheet: SheetModel): Map<number, number> {
  const widths = new Map<number, number>();
  sheet.rows.forEach((line) =>
    line?.forEach((cell, c) => {
      if (!cell || cell.value === '') return;
      const text =
        cell.value instanceof Date ? 'jj/mm/aaaa hh:mm' : String(cell.value).split('\n')[0];
      const chars = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, text.length + 2));
      widths.set(c + 1, Math.max(widths.get(c + 1) ?? 0, chars));
    }),
  );
  return widths;
}

/** The .xlsx file of a spreadsheet, as bytes; `origin` is recorded in the file's properties. */
export async function workbookBuffer(
  model: SpreadsheetModel,
  options: { origin?: string } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = model.name;
  if (options.origin) workbook.description = ORIGIN_PREFIX + options.origin;
  for (const sheet of model.sheets) addSheet(workbook, sheet, model.timeZone);
  const active = Math.max(0, model.activeSheet ? model.sheets.indexOf(model.activeSheet) : 0);
  workbook.worksheets.forEach((ws, i) => {
    ws.views = [
      {
        state: 'normal',
        ...ws.views?.[0],
        tabSelected: i === active,
      } as unknown as Partial<ExcelJS.WorksheetView>,
    ];
  });
  workbook.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: active,
      visibility: 'visible',
    },
  ];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Saves to a temporary file in the same folder, then renames it into place. */
export async function saveWorkbook(
  model: SpreadsheetModel,
  file: string,
  options: { origin?: string } = {},
): Promise<void> {
  const data = await workbookBuffer(model, options);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
