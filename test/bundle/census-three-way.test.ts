// Issue 12, point 9: the import remembers what it last brought for each cell it owns. A cell the
// coordinator corrected is kept while the export stays the same; a cell the export changed is
// updated; when both changed, the coordinator's value is kept and the conflict is flagged (note on
// the cell, Journal, result line). Calls stay the same for 10 and for 2,000 members.

import type { ImportOutcome } from '../../src/shared/api';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers, type SampleMember } from '../../tools/sample/members';
import type { AppsScriptWorld } from '../../tools/emulator';
import { columnOf } from '../helpers/members';
import { workbookPicture } from '../helpers/snapshot';
import { newWorld } from '../helpers/world';

const members = sampleMembers(10);

function importedWorld(list: readonly SampleMember[] = members): AppsScriptWorld {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  importCsv(world, toCsv(exportRows(list)));
  return world;
}

const importCsv = (world: AppsScriptWorld, csv: string) =>
  world.run<ImportOutcome>('importDsCsv', [csv, 'dossiers.csv']).value;

const withEmail = (index: number, email: string): SampleMember[] =>
  members.map((m, i) => (i === index ? { ...m, email } : m));

describe('three-way import (point 9)', () => {
  it('keeps the coordinator’s correction while the export stays the same', () => {
    const world = importedWorld();
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    sheet.cell(4, columnOf('email'), true).value = 'gestion.corrigee@ac-nancy-metz.fr';
    const outcome = importCsv(world, toCsv(exportRows(members)));
    expect(sheet.value(4, columnOf('email'))).toBe('gestion.corrigee@ac-nancy-metz.fr');
    expect(outcome).toMatchObject({ updated: 0, unchanged: 10 });
    expect(outcome.lines.join('\n')).not.toContain('Conflit');
  });

  it('updates a cell the export changed and the coordinator did not touch', () => {
    const world = importedWorld();
    const outcome = importCsv(
      world,
      toCsv(exportRows(withEmail(3, 'ce.nouvelle@ac-nancy-metz.fr'))),
    );
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    expect(sheet.value(5, columnOf('email'))).toBe('ce.nouvelle@ac-nancy-metz.fr');
    expect(outcome.updated).toBe(1);
  });

  it('keeps the coordinator’s value when both changed, and flags the conflict', () => {
    const world = importedWorld();
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    const cell = sheet.cell(4, columnOf('email'), true);
    cell.value = 'gestion.corrigee@ac-nancy-metz.fr';
    cell.note = 'vu avec le gestionnaire';
    const outcome = importCsv(world, toCsv(exportRows(withEmail(2, 'ce.autre@ac-nancy-metz.fr'))));
    expect(sheet.value(4, columnOf('email'))).toBe('gestion.corrigee@ac-nancy-metz.fr');
    const note = sheet.cell(4, columnOf('email'))?.note;
    expect(note).toMatch(
      /^vu avec le gestionnaire\n\nImport DS du 02\/03\/2026 : l'export apporte « ce\.autre@ac-nancy-metz\.fr »/,
    );
    expect(note).toContain('votre valeur « gestion.corrigee@ac-nancy-metz.fr » est conservée');
    const line = outcome.lines.find((l) => l.startsWith('Conflit ligne 4'));
    expect(line).toContain('« Adresse fonctionnelle »');
    const journal = world.spreadsheet.requireSheet('Journal').values();
    expect(journal.some((r) => String(r[3]).startsWith('Conflit ligne 4'))).toBe(true);
    // The same export again: nothing new, no second note.
    const picture = () =>
      (workbookPicture(world.spreadsheet) as { name: string }[]).filter(
        (s) => s.name !== 'Journal',
      );
    const before = picture();
    const again = importCsv(world, toCsv(exportRows(withEmail(2, 'ce.autre@ac-nancy-metz.fr'))));
    expect(again.lines.join('\n')).not.toContain('Conflit');
    expect(picture()).toEqual(before);
  });

  it('remembers in a hidden sheet, with the same number of calls for 10 and 2,000 members', () => {
    const world = importedWorld();
    const memory = world.spreadsheet.requireSheet('Mémoire de l’import DS');
    expect(memory.hidden).toBe(true);
    const calls = [10, 2000].map((count) => {
      const list = sampleMembers(count);
      const w = importedWorld(list);
      const changed = list.map((m, i) =>
        i % 3 === 0 ? { ...m, email: `ce.x${i}@ac-nancy-metz.fr` } : m,
      );
      return w.run('importDsCsv', [toCsv(exportRows(changed)), 'dossiers.csv']).execution;
    });
    expect(calls[0].serviceCalls('SpreadsheetApp')).toBe(calls[1].serviceCalls('SpreadsheetApp'));
  });
});

describe('scattered import updates (point 6)', () => {
  it('leave the user’s formulas between the changed cells as formulas', () => {
    const world = importedWorld();
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    const wave = columnOf('wave');
    // The coordinator computes two waves with formulas (same text as the export brings).
    for (const row of [4, 7])
      Object.assign(sheet.cell(row, wave, true), {
        value: String(sheet.value(row, wave)),
        formula: `="${String(sheet.value(row, wave))}"`,
      });
    const changed = members.map((m, i) =>
      [1, 4, 7, 9].includes(i) ? { ...m, wave: 'Printemps 2027' } : m,
    );
    const outcome = importCsv(world, toCsv(exportRows(changed)));
    expect(outcome.updated).toBe(4);
    expect([3, 6, 9, 11].map((r) => sheet.value(r, wave))).toEqual(Array(4).fill('Printemps 2027'));
    expect(sheet.cell(4, wave)?.formula).toMatch(/^="/);
    expect(sheet.cell(7, wave)?.formula).toMatch(/^="/);
  });
});
