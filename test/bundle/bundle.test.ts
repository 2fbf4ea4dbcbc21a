// The built bundle, loaded into a bare vm context holding only the emulator's Apps Script globals:
// what Google will run. Every function a menu, a trigger or a page calls must be a global here.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { MENU_ENTRIES, MENU_TITLE } from '../../src/ui/menu';
import { SERVER_FUNCTIONS } from '../../src/shared/api';
import { DIST, newWorld } from '../helpers/world';

describe('dist/', () => {
  it('holds Code.js with top-level functions, the manifest and the pages', () => {
    const code = fs.readFileSync(path.join(DIST, 'Code.js'), 'utf8');
    expect(code).toMatch(/^function onOpen\(/m);
    expect(code).not.toMatch(/\brequire\(/);
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', timeZone: 'Europe/Paris' });
    expect(manifest.oauthScopes).toContain(
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    );
    expect(manifest.oauthScopes.join(' ')).not.toMatch(
      /mail\.google\.com|gmail|auth\/spreadsheets"/,
    );
    const help = fs.readFileSync(path.join(DIST, 'help.html'), 'utf8');
    expect(help).not.toMatch(/@inline-(script|css)/);
    expect(help).toContain('getHelpContent');
  });

  it('runs in a context without require, process or module', () => {
    const context = vm.createContext({});
    expect(() =>
      vm.runInContext(fs.readFileSync(path.join(DIST, 'Code.js'), 'utf8'), context),
    ).not.toThrow();
    expect(typeof context.onOpen).toBe('function');
    expect(context.require).toBeUndefined();
    expect(context.process).toBeUndefined();
  });
});

describe('menu and public functions through the bundle', () => {
  it('onOpen, run as a simple trigger, adds the French menu with every entry', () => {
    const world = newWorld();
    world.open();
    const items = world.ui.menus.get(MENU_TITLE);
    const expected = MENU_ENTRIES.filter((e) => e !== null);
    expect(items).toEqual(
      expected.map((e) => ({ caption: e.caption, functionName: e.functionName })),
    );
  });

  it('every menu item and every page server function is a global function of the bundle', () => {
    const world = newWorld();
    const context = world.load(world.execution());
    const names = [
      ...MENU_ENTRIES.flatMap((e) => (e ? [e.functionName] : [])),
      ...SERVER_FUNCTIONS,
      'onOpen',
    ];
    for (const name of names) expect(typeof context[name]).toBe('function');
  });

  it('every menu item runs without error on a new spreadsheet', () => {
    const world = newWorld();
    world.open();
    for (const entry of MENU_ENTRIES) {
      if (entry) expect(() => world.clickMenu(entry.caption)).not.toThrow();
    }
    expect(world.ui.shown.map((s) => s.kind)).toContain('sidebar');
  });

  it('the help page server function returns the guide with the current settings', () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    const settings = world.spreadsheet.requireSheet('Paramètres');
    const row = settings.values().findIndex((r) => r[0] === 'certigna.objet') + 1;
    settings.cell(row, 3, true).value = 'marché groupement TEST';
    const { value } = world.run<{
      sections: { title: string; items: { text: string }[] }[];
      warnings: string[];
    }>('getHelpContent');
    const text = JSON.stringify(value);
    expect(text).toContain('marché groupement TEST');
    expect(text).toContain('manuscrites sont refusées');
    expect(text).toContain('premier mail est en anglais');
    expect(text).toContain('mot de passe oublié');
    expect(value.sections.map((s) => s.title)).toEqual([
      'Engagement et convention',
      'Vote électronique (Kercia)',
      'TPE (EXM)',
      'Logiciel PDF (Foxit)',
      'Certificats RGS** (Certigna)',
      'Signature électronique (Yousign)',
      'Communication',
    ]);
    expect(value.warnings).toEqual([]);
  });

  it('reports a bad setting with its sheet, row and column', () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    const settings = world.spreadsheet.requireSheet('Paramètres');
    const row = settings.values().findIndex((r) => r[0] === 'certigna.delaiHeures') + 1;
    settings.cell(row, 3, true).value = 'trois jours';
    const { value } = world.run<{ warnings: string[] }>('getHelpContent');
    expect(value.warnings).toEqual([
      `Feuille « Paramètres », ligne ${row}, colonne « Valeur » (certigna.delaiHeures) : « trois jours » n’est pas un nombre entier positif ou nul (attendu : un nombre comme 72). La valeur par défaut est utilisée.`,
    ]);
  });

  it('a function that needs a missing sheet shows a French message instead of a stack', () => {
    const world = newWorld();
    world.run('showHelp');
    expect(() => world.run('getHelpContent')).toThrow(
      "La feuille « Paramètres » est introuvable. Lancez « Groupement d'achats › Initialiser / réparer le classeur ».",
    );
  });
});
