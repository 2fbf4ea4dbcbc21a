// SpreadsheetApp.getUi() exists only in a user's execution: time-driven triggers and any other
// non-interactive execution get Google's refusal, for alerts, prompts, sidebars and dialogs alike.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppsScriptWorld } from '../../tools/emulator';

const REFUSED = 'Cannot call SpreadsheetApp.getUi() from this context.';

const ALL_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.scriptapp',
];

const CODE = `
function onOpen() {
  SpreadsheetApp.getUi().createMenu('Groupement').addItem('Envoyer', 'notify').addToUi();
}
function notify() {
  SpreadsheetApp.getActive().toast('Terminé', 'Envoi');
  SpreadsheetApp.getUi().alert('Terminé');
}
function sidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>x</p>').setTitle('Envois'));
}
function schedule(handler) {
  ScriptApp.newTrigger(handler).timeBased().after(1000).create();
}
`;

function world(): AppsScriptWorld {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), CODE);
  return new AppsScriptWorld({ distDir: dir, scopes: ALL_SCOPES });
}

describe('SpreadsheetApp.getUi() and the execution context', () => {
  it('works from a menu item, onOpen and a direct run (a user is at the sheet)', () => {
    const w = world();
    w.open();
    w.ui.answer('OK');
    w.clickMenu('Envoyer');
    w.run('sidebar');
    expect(w.ui.dialogs.map((d) => d.message)).toEqual(['Terminé']);
    expect(w.ui.shown.map((s) => s.title)).toEqual(['Envois']);
    expect(w.spreadsheet.toasts).toEqual([{ message: 'Terminé', title: 'Envoi' }]);
  });

  it.each(['notify', 'sidebar'])(
    'throws Google\u2019s message in a time-driven trigger (%s), and nothing is shown',
    (handler) => {
      const w = world();
      w.run('schedule', [handler]);
      const fired = w.advanceTo(new Date(w.clock.now() + 60_000));
      expect(fired).toHaveLength(1);
      expect((fired[0].error as Error).message).toBe(REFUSED);
      expect(w.ui.dialogs).toEqual([]);
      expect(w.ui.shown).toEqual([]);
    },
  );

  it('lets a toast from a trigger go unseen instead of reaching the user', () => {
    const w = world();
    w.run('schedule', ['notify']);
    w.advanceTo(new Date(w.clock.now() + 60_000));
    expect(w.spreadsheet.toasts).toEqual([]);
    expect(w.spreadsheet.unseenToasts).toEqual([{ message: 'Terminé', title: 'Envoi' }]);
  });

  it('refuses getUi() in any execution started as non-interactive', () => {
    const w = world();
    expect(() => w.run('sidebar', [], { interactive: false })).toThrow(REFUSED);
    const g = w.globals(w.execution({ interactive: false }));
    expect(() => g.SpreadsheetApp.getUi()).toThrow(REFUSED);
    expect(() => w.globals(w.execution()).SpreadsheetApp.getUi()).not.toThrow();
  });
});
