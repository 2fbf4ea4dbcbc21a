// "Initialiser / réparer le classeur" through the bundle: idempotent, repairs without touching
// user data, explains what it cannot repair, in a constant number of calls.

import { matchHeaders } from '../../src/core/schema';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { SETTINGS } from '../../src/core/workbook/settings';
import { sampleMembers } from '../../tools/sample/members';
import { typeMembers } from '../../tools/sample/workbook';
import { cellsOf, workbookPicture } from '../helpers/snapshot';
import { newWorld } from '../helpers/world';

const TITLE = 'Initialiser / réparer le classeur';

describe('initialise / repair the workbook', () => {
  it('creates every sheet with headers, notes, frozen header, formats, dropdowns and settings', () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    const book = world.spreadsheet;
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Feuille 1',
      'Tableau de bord',
      'Adhérents',
      'Suivi',
      'Import DS',
      'Correspondance DS',
      'Modèles',
      'Envois',
      'Relances',
      'Calendrier',
      'Demandes',
      'Paramètres',
      'Journal',
    ]);
    expect(book.requireSheet('Correspondance DS').values()[2]).toEqual([
      'dsState',
      'État DS',
      'État du dossier ; Statut du dossier ; État',
      'Oui',
      'Le recensement déposé engage l’établissement ; l’acceptation par le coordonnateur lance l’activation.',
    ]);
    const members = book.requireSheet('Adhérents');
    expect(members.values()[0]).toEqual(MEMBERS_SHEET.columns.map((c) => c.header));
    expect(members.frozenRows).toBe(1);
    const uai = members.cell(1, 2);
    expect(uai?.note).toMatch(/^Code UAI/);
    expect(uai?.fontWeight).toBe('bold');
    expect(members.cell(2, 2)?.numberFormat).toBe('@');
    expect(members.cell(1000, 8)?.numberFormat).toBe('dd/mm/yyyy');
    // Only what General would get wrong is formatted: codes, UAI, phones as text, dates.
    const formatOf = (key: string) =>
      members.cell(500, MEMBERS_SHEET.columns.findIndex((c) => c.key === key) + 1)?.numberFormat ??
      '';
    expect(
      ['dossier', 'uai', 'signerPhone', 'depositDate', 'name', 'qty_pdf', 'comment'].map(formatOf),
    ).toEqual(['@', '@', '@', 'dd/mm/yyyy', '', '', '']);
    expect(members.cell(2, 5)?.validation?.values).toEqual(['Public', 'Privé']);
    const settings = book.requireSheet('Paramètres').values();
    expect(settings).toHaveLength(SETTINGS.length + 1);
    expect(settings.find((r) => r[0] === 'certigna.objet')?.[2]).toBe('marché groupement LDMEMS');
    expect(settings.find((r) => r[0] === 'groupement.departements')?.[2]).toBe(
      '054, 055, 057, 088',
    );
    expect(settings.find((r) => r[0] === 'tpe.contactTelephone')?.[2]).toBe('04 72 69 06 84');
    const journal = book.requireSheet('Journal').values();
    expect(journal).toHaveLength(2);
    expect(journal[1][1]).toBe('coordination@example.fr');
    expect(journal[1][2]).toBe('Initialisation du classeur');
    expect(world.ui.lastDialog()?.title).toBe(TITLE);
    expect(world.ui.lastDialog()?.message).toMatch(
      /^Réparations effectuées :\n\nFeuille « Tableau de bord » créée\.\n\nFeuille « Adhérents » créée\./,
    );
  });

  it('initialised twice is identical to initialised once, and says there was nothing to do', () => {
    const once = newWorld();
    once.run('initializeWorkbookFromMenu');
    const twice = newWorld();
    twice.run('initializeWorkbookFromMenu');
    twice.run('initializeWorkbookFromMenu');
    expect(workbookPicture(twice.spreadsheet)).toEqual(workbookPicture(once.spreadsheet));
    expect(twice.ui.lastDialog()?.message).toBe('Le classeur est à jour : rien à réparer.');
  });

  it('repairs a damaged workbook: missing sheets and columns added at the end, user cells unchanged', () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    typeMembers(world.spreadsheet, sampleMembers(12));
    const book = world.spreadsheet;
    // The coordinator deleted the journal, the "Commune" and "Vague" columns, and added a column.
    book.sheets = book.sheets.filter((s) => s.name !== 'Journal');
    const members = book.requireSheet('Adhérents');
    for (const line of members.rows) {
      if (!line) continue;
      line.splice(11, 1); // Vague
      line.splice(3, 1); // Commune
    }
    const free = members.lastColumn() + 1;
    members.cell(1, free, true).value = 'Mon suivi';
    members.cell(5, free, true).value = 'appelé le 3/02';
    members.cell(6, 2, true).note = 'note du coordonnateur';
    const before = cellsOf(book, 'Adhérents');

    world.run('initializeWorkbookFromMenu');

    const after = cellsOf(book, 'Adhérents');
    for (const [key, picture] of before) expect([key, after.get(key)]).toEqual([key, picture]);
    expect(members.value(1, free + 1)).toBe('Commune');
    expect(members.value(1, free + 2)).toBe('Vague');
    expect(members.lastColumn()).toBe(free + 2);
    expect(book.sheet('Journal')).toBeDefined();
    expect(world.ui.lastDialog()?.message).toContain(
      'Feuille « Adhérents » : colonnes ajoutées à la fin : « Commune », « Vague ».',
    );
    expect(world.ui.lastDialog()?.message).toContain('Feuille « Journal » créée.');
  });

  it('returns columns an earlier version left in Plain text to General: text written there reads as written', () => {
    // A spreadsheet that keeps a leading apostrophe in Plain-text cells, initialised by an earlier
    // version, which put every column in Plain text.
    const world = newWorld({ plainTextKeepsApostrophe: true });
    world.run('initializeWorkbookFromMenu');
    const members = world.spreadsheet.requireSheet('Adhérents');
    for (let row = 2; row <= members.maxRows; row++)
      for (let column = 1; column <= members.lastColumn(); column++)
        members.cell(row, column, true).numberFormat = '@';
    world.run('initializeWorkbookFromMenu');
    const { positions } = matchHeaders(MEMBERS_SHEET, members.values()[0]);
    const name = positions.get('name') as number;
    const uai = positions.get('uai') as number;
    expect(members.cell(2, name)?.numberFormat).toBe('General');
    expect(members.cell(members.maxRows, name)?.numberFormat).toBe('General');
    expect(members.cell(2, uai)?.numberFormat).toBe('@'); // codes stay Plain text

    const [school] = sampleMembers(1);
    world.run('importDsCsv', [
      toCsv(exportRows([{ ...school, name: '=Lycée des Essais' }])),
      'dossiers.csv',
    ]);
    expect(members.value(2, name)).toBe('=Lycée des Essais');
    expect(members.cell(2, name)?.formula).toBeUndefined();
  });

  it('leaves a sheet with unrecognisable headers alone and says why', () => {
    const world = newWorld();
    const sheet = world.spreadsheet.addSheet('Adhérents');
    sheet.cell(1, 1, true).value = 'Nom';
    sheet.cell(1, 2, true).value = 'Code';
    sheet.cell(2, 1, true).value = 'Lycée';
    const before = cellsOf(world.spreadsheet, 'Adhérents');
    expect(() => world.run('initializeWorkbookFromMenu')).not.toThrow();
    expect(cellsOf(world.spreadsheet, 'Adhérents')).toEqual(before);
    expect(world.ui.lastDialog()?.message).toContain(
      'La feuille « Adhérents » existe mais sa ligne 1 ne contient aucun des en-têtes attendus',
    );
    expect(world.spreadsheet.sheet('Paramètres')).toBeDefined();
  });

  it('waits for another operation holding the document lock, with a clear message', () => {
    const world = newWorld();
    const other = world.execution();
    world.globals(other).LockService.getDocumentLock().tryLock(0);
    world.run('initializeWorkbookFromMenu');
    expect(world.ui.lastDialog()?.message).toMatch(
      /^Une autre opération est en cours sur ce classeur/,
    );
    expect(world.spreadsheet.sheet('Adhérents')).toBeUndefined();
  });

  it('uses the same number of Apps Script calls for 10 and for 2,000 members', () => {
    const calls = [10, 2000].map((count) => {
      const world = newWorld();
      world.run('initializeWorkbookFromMenu');
      typeMembers(world.spreadsheet, sampleMembers(count));
      world.spreadsheet.requireSheet('Adhérents').rows.forEach((line) => line?.splice(3, 1));
      return world.run('initializeWorkbookFromMenu').execution.total;
    });
    expect(calls[0]).toBe(calls[1]);
  });
});
