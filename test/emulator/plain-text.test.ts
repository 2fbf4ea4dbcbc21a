// The two readings of a Plain-text (`@`) cell the emulator models: by default a leading apostrophe
// only forces text (dropped) and `=` makes a formula; in the "apostrophe kept" mode
// (plainTextKeepsApostrophe) the string is stored exactly as given. General cells never change.

import { AppsScriptWorld } from '../../tools/emulator';

function sheetOf(plainTextKeepsApostrophe: boolean) {
  const world = new AppsScriptWorld({
    distDir: '/nonexistent',
    scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'],
    plainTextKeepsApostrophe,
  });
  const sheet = world.globals(world.execution()).SpreadsheetApp.getActive().getSheets()[0];
  sheet.getRange('A1:B1').setNumberFormat('@');
  sheet.getRange('A1:D1').setValues([["'0123", '=1+1', "'0123", '=1+1']]);
  return sheet;
}

describe('Plain-text cells', () => {
  it('by default: the apostrophe is dropped and = makes a formula, as in a General cell', () => {
    const sheet = sheetOf(false);
    expect(sheet.getRange('A1:D1').getValues()[0]).toEqual(['0123', 2, '0123', 2]);
    expect(sheet.getRange('A1:D1').getFormulas()[0]).toEqual(['', '=1+1', '', '=1+1']);
  });

  it('in the "apostrophe kept" mode: the text is stored as given in @ cells only', () => {
    const sheet = sheetOf(true);
    expect(sheet.getRange('A1:D1').getValues()[0]).toEqual(["'0123", '=1+1', '0123', 2]);
    expect(sheet.getRange('A1:D1').getFormulas()[0]).toEqual(['', '', '', '=1+1']);
  });

  it('reads and sets the spreadsheet locale', () => {
    const world = new AppsScriptWorld({
      distDir: '/nonexistent',
      scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'],
    });
    const ss = world.globals(world.execution()).SpreadsheetApp.getActive();
    expect(ss.getSpreadsheetLocale()).toBe('fr_FR');
    ss.setSpreadsheetLocale('en_US');
    expect(world.spreadsheet.locale).toBe('en_US');
  });
});
