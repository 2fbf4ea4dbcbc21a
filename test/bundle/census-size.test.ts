// Issue 12, point 5: size guards. An export or a members sheet too large for one execution is
// refused before anything is written, with a French message that says what to do; a value longer
// than a cell accepts (50,000 characters) is left out and named, the rest of the line imported.

import type { ImportOutcome } from '../../src/shared/api';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import type { AppsScriptWorld, CellValue } from '../../tools/emulator';
import { columnOf } from '../helpers/members';
import { workbookPicture } from '../helpers/snapshot';
import { newWorld } from '../helpers/world';

function initializedWorld(): AppsScriptWorld {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  return world;
}

const importCsv = (world: AppsScriptWorld, csv: string) =>
  world.run<ImportOutcome>('importDsCsv', [csv, 'dossiers.csv']).value;

describe('size guards (point 5)', () => {
  it('leaves out a value longer than a cell accepts, and says so', () => {
    const world = initializedWorld();
    const rows = exportRows(sampleMembers(3)) as CellValue[][];
    rows[0].push('Commentaire');
    rows[1].push('x'.repeat(60_000));
    rows[2].push('court');
    rows[3].push('');
    const outcome = importCsv(world, toCsv(rows));
    expect(outcome.created).toBe(3);
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    expect(sheet.value(2, columnOf('censusComment'))).toBe('');
    expect(sheet.value(3, columnOf('censusComment'))).toBe('court');
    expect(outcome.lines.join('\n')).toMatch(
      /Ligne 2 de l'export \(dossier \d+\) : « Commentaire du recensement » dépasse 50 000 caractères, la limite d'une cellule : valeur non importée/,
    );
  });

  it('refuses an export too large for one execution, before writing anything', () => {
    const world = initializedWorld();
    const header = ['ID', 'État du dossier', 'UAI'];
    const lines = Array.from({ length: 10_001 }, (_, i) => `${20000000 + i};Accepté;0540015Y`);
    const before = workbookPicture(world.spreadsheet);
    expect(() => importCsv(world, `${header.join(';')}\n${lines.join('\n')}\n`)).toThrow(
      "L'export contient 10001 dossiers, au-delà des 10000 qu'un import traite",
    );
    expect(workbookPicture(world.spreadsheet)).toEqual(before);
  });

  it('refuses to validate a members sheet too large for one execution, and says what to do', () => {
    const world = initializedWorld();
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    sheet.maxRows = 20_100;
    for (let r = 2; r <= 20_002; r++) sheet.cell(r, columnOf('uai'), true).value = '0540015Y';
    world.run('validateCensusFromMenu');
    expect(world.ui.lastDialog()?.message).toMatch(
      /^La feuille « Adhérents » compte 20001 lignes remplies, au-delà des 20000 .* rien n'a été écrit\. Déplacez les lignes/,
    );
    expect(sheet.value(2, columnOf('check'))).toBe('');
  });
});
