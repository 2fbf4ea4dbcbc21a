// The emulator behaves like Apps Script where the project depends on it.

import { AppsScriptWorld } from '../../tools/emulator';

function setup() {
  const world = new AppsScriptWorld({
    distDir: '/nonexistent',
    scopes: [
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ],
  });
  const exec = world.execution();
  const g = world.globals(exec);
  const ss = g.SpreadsheetApp.getActive();
  return { world, exec, g, ss };
}

describe('SpreadsheetApp emulation', () => {
  it('finds sheets by name, inserts and deletes them, and refuses duplicate names', () => {
    const { ss } = setup();
    expect(ss.getSheetByName('Absente')).toBeNull();
    const sheet = ss.insertSheet('Adhérents');
    expect(ss.getSheetByName('Adhérents')?.getName()).toBe('Adhérents');
    expect(() => ss.insertSheet('adhérents')).toThrow(
      'A sheet with the name "adhérents" already exists. Please enter another name.',
    );
    ss.deleteSheet(sheet);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Feuille 1']);
  });

  it('has 1-based ranges, by row/column and by A1 notation', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0];
    sheet.getRange('B2:C3').setValues([
      [1, 2],
      [3, 4],
    ]);
    expect(sheet.getRange(2, 2).getValue()).toBe(1);
    expect(sheet.getRange(3, 3).getValue()).toBe(4);
    expect(sheet.getRange(2, 2, 2, 2).getA1Notation()).toBe('B2:C3');
    expect(ss.getRange("'Feuille 1'!C3").getValue()).toBe(4);
    expect(sheet.getRange('B:B').getNumRows()).toBe(1000);
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow(
      'The number of rows in the range must be at least 1.',
    );
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  it('throws Google\u2019s message for a setValues of the wrong size', () => {
    const { ss } = setup();
    const range = ss.getSheets()[0].getRange(1, 1, 2, 3);
    expect(() => range.setValues([[1, 2, 3]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() =>
      range.setValues([
        [1, 2, 3],
        [4, 5],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });

  it('gives typed values: numbers, booleans, Dates, and empty cells as empty strings', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0];
    const date = new Date('2025-08-28T00:00:00+02:00');
    sheet.getRange(1, 1, 1, 4).setValues([[42, true, date, null]]);
    const [row] = sheet.getRange(1, 1, 1, 5).getValues();
    expect(row[0]).toBe(42);
    expect(row[1]).toBe(true);
    expect(row[2]).toBeInstanceOf(Date);
    expect((row[2] as Date).getTime()).toBe(date.getTime());
    expect(row[2]).not.toBe(date);
    expect(row[3]).toBe('');
    expect(row[4]).toBe('');
  });

  it('parses written text as a user\u2019s typing: formulas, numbers, French dates; an apostrophe keeps text', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0];
    sheet
      .getRange(1, 1, 1, 6)
      .setValues([['=1+1', '0612345678', '28/08/2025', "'=1+1", "'0612345678", 'Collège']]);
    expect(sheet.getRange(1, 1).getFormula()).toBe('=1+1');
    const values = sheet.getRange(1, 1, 1, 6).getValues()[0];
    expect(values[1]).toBe(612345678);
    expect(values[2]).toBeInstanceOf(Date);
    expect(sheet.getRange(1, 3).getDisplayValue()).toBe('28/08/2025');
    expect(values[3]).toBe('=1+1');
    expect(sheet.getRange(1, 4).getFormula()).toBe('');
    expect(values[4]).toBe('0612345678');
    expect(values[5]).toBe('Collège');
  });

  it('keeps text as typed in a plain-text column', () => {
    const { ss } = setup();
    const range = ss.getSheets()[0].getRange('A1');
    range.setNumberFormat('@');
    range.setValue('0612345678');
    expect(range.getValue()).toBe('0612345678');
  });

  it('shows display values per number format, in French', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0];
    sheet.getRange('A1:C1').setValues([[new Date('2026-03-02T14:05:00+01:00'), 1234.5, 3]]);
    sheet.getRange('A1').setNumberFormat('dd/mm/yyyy hh:mm');
    sheet.getRange('C1').setNumberFormat('0.00');
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([
      ['02/03/2026 14:05', '1234,5', '3,00'],
    ]);
  });

  it('stores notes, backgrounds, font weights, number formats and dropdown validation', () => {
    const { g, ss } = setup();
    const range = ss.getSheets()[0].getRange('A1:B1');
    range.setNotes([['note A', '']]);
    range.setBackgrounds([['#DBE8F7', '#ffffff']]);
    range.setFontWeight('bold');
    range.setNumberFormats([['@', 'dd/mm/yyyy']]);
    const rule = g.SpreadsheetApp.newDataValidation()
      .requireValueInList(['Public', 'Privé'], true)
      .setAllowInvalid(false)
      .build();
    range.setDataValidation(rule);
    expect(range.getNotes()).toEqual([['note A', '']]);
    expect(range.getBackgrounds()).toEqual([['#dbe8f7', '#ffffff']]);
    expect(range.getFontWeights()).toEqual([['bold', 'bold']]);
    expect(range.getNumberFormats()).toEqual([['@', 'dd/mm/yyyy']]);
    const read = range.getDataValidations()[0][1];
    expect(read?.getCriteriaValues()).toEqual([['Public', 'Privé'], true]);
    expect(read?.getAllowInvalid()).toBe(false);
  });

  it('tracks the last row and column with content, appendRow, frozen rows and clear', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0];
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('C5').setNote('a note is not content');
    expect(sheet.getLastRow()).toBe(0);
    sheet.appendRow(['a', 'b']);
    sheet.appendRow(['c']);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getLastColumn()).toBe(2);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B2');
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    sheet.clear();
    expect(sheet.getLastRow()).toBe(0);
  });

  it('grows with insertRowsAfter and insertColumnsAfter', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0];
    sheet.insertRowsAfter(1000, 500);
    sheet.insertColumnsAfter(26, 4);
    expect(sheet.getMaxRows()).toBe(1500);
    expect(sheet.getMaxColumns()).toBe(30);
    sheet.getRange(1500, 30).setValue('x');
    expect(sheet.getLastRow()).toBe(1500);
  });

  it('applies one change to scattered cells with a RangeList', () => {
    const { ss } = setup();
    const sheet = ss.getSheets()[0];
    sheet.getRangeList(['A1', 'C3']).setBackground('#f4cccc');
    expect(sheet.getRange('A1').getBackground()).toBe('#f4cccc');
    expect(sheet.getRange('C3').getBackground()).toBe('#f4cccc');
    expect(sheet.getRange('B2').getBackground()).toBe('#ffffff');
  });

  it('records toasts, menus, alerts with scripted answers, prompts, sidebars and dialogs', () => {
    const { world, g, ss } = setup();
    ss.toast('Terminé', 'Import');
    expect(world.spreadsheet.toasts).toEqual([{ message: 'Terminé', title: 'Import' }]);
    const ui = g.SpreadsheetApp.getUi();
    ui.createMenu('Menu').addItem('Un', 'one').addSeparator().addItem('Deux', 'two').addToUi();
    expect(world.ui.menus.get('Menu')).toEqual([
      { caption: 'Un', functionName: 'one' },
      { caption: 'Deux', functionName: 'two' },
    ]);
    world.ui.answer('YES');
    expect(ui.alert('Titre', 'Envoyer ?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(ui.alert('Sans réponse')).toBe(ui.Button.CLOSE);
    world.ui.answer('OK', '0540015Y');
    const response = ui.prompt('UAI ?', ui.ButtonSet.OK_CANCEL);
    expect(response.getResponseText()).toBe('0540015Y');
    expect(response.getSelectedButton()).toBe(ui.Button.OK);
    expect(world.ui.dialogs.map((d) => [d.title, d.message])).toEqual([
      ['Titre', 'Envoyer ?'],
      ['', 'Sans réponse'],
      ['', 'UAI ?'],
    ]);
    const html = g.HtmlService.createHtmlOutput('<p>x</p>').setTitle('Aide');
    ui.showSidebar(html);
    ui.showModalDialog(html, 'Aperçu');
    expect(world.ui.shown.map((s) => [s.kind, s.title])).toEqual([
      ['sidebar', 'Aide'],
      ['modal', 'Aperçu'],
    ]);
  });
});

describe('call counting, clock and kills', () => {
  it('counts every call per service and method', () => {
    const { exec, ss } = setup();
    const sheet = ss.getSheets()[0];
    sheet.getRange(1, 1).setValue(1);
    sheet.getRange(1, 1).getValue();
    expect(exec.calls.get('Spreadsheet.getSheets')).toBe(1);
    expect(exec.calls.get('Sheet.getRange')).toBe(2);
    expect(exec.calls.get('Range.setValue')).toBe(1);
    expect(exec.calls.get('Range.getValue')).toBe(1);
    expect(exec.serviceCalls('SpreadsheetApp')).toBe(6);
    expect(exec.total).toBe(6);
  });

  it('advances a simulated clock by the latency model', () => {
    const world = new AppsScriptWorld({
      distDir: '/nonexistent',
      scopes: ['https://www.googleapis.com/auth/spreadsheets'],
      latency: { perCall: { default: 0, SpreadsheetApp: 50 }, perCell: 1 },
    });
    const exec = world.execution();
    const start = world.clock.now();
    const sheet = world.globals(exec).SpreadsheetApp.getActive().getSheets()[0];
    sheet.getRange(1, 1, 10, 10).getValues();
    // 4 calls of 50 ms, and 100 cells of 1 ms.
    expect(world.clock.now() - start).toBe(4 * 50 + 100);
    expect(exec.elapsedMs()).toBe(300);
    // The same cost, by sheet and method: cells (and the rows they span) count against the call
    // that moved them.
    const name = sheet.getName();
    expect(exec.costs.get(`${name} › Range.getValues`)).toEqual({
      calls: 1,
      cells: 100,
      rows: 10,
      ms: 150,
    });
    expect(exec.costs.get(`${name} › Sheet.getRange`)).toEqual({
      calls: 1,
      cells: 0,
      rows: 0,
      ms: 50,
    });
    expect(exec.costs.get('SpreadsheetApp › Spreadsheet.getSheets')).toEqual({
      calls: 1,
      cells: 0,
      rows: 0,
      ms: 50,
    });
  });

  it('kills the execution at the N-th call, before that call happens', () => {
    const world = new AppsScriptWorld({
      distDir: '/nonexistent',
      scopes: ['https://www.googleapis.com/auth/spreadsheets'],
    });
    const exec = world.execution({ killAtCall: 4 });
    const sheet = world.globals(exec).SpreadsheetApp.getActive().getSheets()[0];
    const range = sheet.getRange('A1');
    expect(() => range.setValue('écrit ?')).toThrow('Execution killed at call 4 (Range.setValue)');
    expect(world.spreadsheet.sheets[0].value(1, 1)).toBe('');
  });

  it('stops an execution past six minutes with Google\u2019s message', () => {
    const world = new AppsScriptWorld({
      distDir: '/nonexistent',
      scopes: ['https://www.googleapis.com/auth/spreadsheets'],
      latency: { perCall: { default: 1000 }, perCell: 0 },
    });
    const exec = world.execution();
    const ss = world.globals(exec).SpreadsheetApp.getActive();
    expect(() => {
      for (let i = 0; i < 1000; i++) ss.getName();
    }).toThrow('Exceeded maximum execution time');
    expect(exec.total).toBe(361);
  });

  it('refuses a call whose scope the manifest does not declare, with Google\u2019s message', () => {
    const world = new AppsScriptWorld({
      distDir: '/nonexistent',
      scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'],
    });
    const g = world.globals(world.execution());
    expect(() => g.SpreadsheetApp.getUi()).toThrow(
      'You do not have permission to call SpreadsheetApp.getUi. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
    expect(() => g.MailApp.getRemainingDailyQuota()).toThrow(
      'Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
  });

  it('lets test code read the model directly without counting', () => {
    const { world, exec, ss } = setup();
    ss.getSheets()[0].getRange('A1').setValue('x');
    const before = exec.total;
    expect(world.spreadsheet.sheets[0].values()).toEqual([['x']]);
    expect(exec.total).toBe(before);
  });
});
