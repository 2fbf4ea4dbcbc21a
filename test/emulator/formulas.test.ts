// Formulas keep their text (getFormulas) and a value (getValues): the value cached in a loaded
// .xlsx file, a trivial formula's result, a reference read live, or "#N/A" when the emulator cannot
// compute it (the harsher reading, see tools/emulator/formula.ts).

import ExcelJS from 'exceljs';
import { AppsScriptWorld, SpreadsheetModel } from '../../tools/emulator';
import { parseFormula } from '../../tools/emulator/formula';
import { loadWorkbookBuffer } from '../../tools/workbook/xlsx';

function sheetOf(spreadsheet?: SpreadsheetModel) {
  const world = new AppsScriptWorld({
    distDir: '/nonexistent',
    scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'],
    spreadsheet,
  });
  const ss = world.globals(world.execution()).SpreadsheetApp.getActive();
  return { world, ss, sheet: ss.getSheets()[0] };
}

describe('formulas written by a script or typed', () => {
  it('keep their text and give the computed value of a trivial formula', () => {
    const { sheet } = sheetOf();
    sheet.getRange('A1').setFormula('=1+2*3');
    sheet.getRange('B1').setValue('=(10-4)/4');
    sheet.getRange('C1').setFormula('="Lycée ""Les Tilleuls"""');
    sheet.getRange('D1').setFormula('=TRUE');
    sheet.getRange('E1').setFormula('=1/0');
    const row = sheet.getRange('A1:E1');
    expect(row.getFormulas()).toEqual([
      ['=1+2*3', '=(10-4)/4', '="Lycée ""Les Tilleuls"""', '=TRUE', '=1/0'],
    ]);
    expect(row.getValues()).toEqual([[7, 1.5, 'Lycée "Les Tilleuls"', true, '#DIV/0!']]);
    expect(sheet.getRange('B1').getDisplayValue()).toBe('1,5');
  });

  it('read a referenced cell live, on the same sheet or another one', () => {
    const { ss, sheet } = sheetOf();
    ss.insertSheet('Réglages').getRange('B2').setValue('coordination@ac.fr');
    sheet.getRange('A1').setValue(5);
    sheet.getRange('B1').setFormula('=A1');
    sheet.getRange('C1').setFormula("='Réglages'!$B$2");
    sheet.getRange('D1').setFormula('=Absente!A1');
    expect(sheet.getRange('B1:D1').getValues()).toEqual([[5, 'coordination@ac.fr', '#REF!']]);
    sheet.getRange('A1').setValue(8);
    expect(sheet.getRange('B1').getValue()).toBe(8);
  });

  it('give "#N/A" when the emulator cannot compute them, never an empty cell', () => {
    const { sheet } = sheetOf();
    sheet.getRange('A1:A2').setValues([[1], [2]]);
    sheet.getRange('B1').setFormulas([['=SUM(A1:A2)']]);
    sheet.getRange('C1').setValue('=HYPERLINK("https://example.fr";"lien")');
    expect(sheet.getRange('B1:C1').getValues()).toEqual([['#N/A', '#N/A']]);
    expect(sheet.getRange('B1:C1').getFormulas()).toEqual([
      ['=SUM(A1:A2)', '=HYPERLINK("https://example.fr";"lien")'],
    ]);
    expect(sheet.getLastColumn()).toBe(3);
  });

  it('are replaced when values read by getValues() are written back, as in Sheets', () => {
    const { sheet } = sheetOf();
    sheet.getRange('A1').setFormula('=2*21');
    const range = sheet.getRange('A1');
    range.setValues(range.getValues());
    expect(range.getFormula()).toBe('');
    expect(range.getValue()).toBe(42);
  });

  it('take a text without "=" as typed, and an empty formula clears the cell', () => {
    const { sheet } = sheetOf();
    sheet.getRange('A1').setFormula('12');
    sheet.getRange('B1').setFormula('=1+1');
    sheet.getRange('B1').setFormula('');
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[12, '']]);
  });
});

describe('formulas loaded from an xlsx file', () => {
  it('keep the file\u2019s formula text and its cached result', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Adhérents');
    ws.getCell('A1').value = 3;
    ws.getCell('A2').value = 4;
    ws.getCell('B1').value = { formula: 'SUM(A1:A2)', result: 7 };
    ws.getCell('C1').value = { formula: 'UPPER("x")', result: 'X' };
    const model = await loadWorkbookBuffer(Buffer.from(await book.xlsx.writeBuffer()));
    const { sheet } = sheetOf(model);
    expect(sheet.getRange('B1:C1').getFormulas()).toEqual([['=SUM(A1:A2)', '=UPPER("x")']]);
    expect(sheet.getRange('B1:C1').getValues()).toEqual([[7, 'X']]);
  });
});

describe('parseFormula', () => {
  it.each<[string, unknown]>([
    ['=1+2', { kind: 'value', value: 3 }],
    ['=-2^2', { kind: 'value', value: 4 }],
    ['=2^3^2', { kind: 'value', value: 64 }],
    ['=1,5*2', { kind: 'value', value: 3 }],
    ['=B12', { kind: 'reference', sheet: undefined, row: 12, column: 2 }],
    ["='L''été'!AA3", { kind: 'reference', sheet: "L'été", row: 3, column: 27 }],
    ['=A1+1', { kind: 'unknown' }],
    ['=NOW()', { kind: 'unknown' }],
    ['=1+', { kind: 'unknown' }],
  ])('%s', (formula, expected) => {
    expect(parseFormula(formula)).toEqual(expected);
  });
});
