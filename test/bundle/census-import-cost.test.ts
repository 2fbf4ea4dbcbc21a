// What keeps the census import cheap, through the bundle: new rows are written in their carrying
// columns only (the "Import DS" note first, then one block), an import killed between the two
// writes converges when run again; the memory holds one cell per dossier (the earlier two-column
// layout is still read); each configuration sheet is read once per operation; one Journal entry is
// one appendRow.

import { createHash } from 'node:crypto';
import type { ImportOutcome } from '../../src/shared/api';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { ExecutionKilled, type AppsScriptWorld, type SpreadsheetModel } from '../../tools/emulator';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { columnOf } from '../helpers/members';
import { workbookPicture } from '../helpers/snapshot';
import { newWorld } from '../helpers/world';

const MEMORY = 'Mémoire de l’import DS';
const members = sampleMembers(12);
const csv = toCsv(exportRows(members));

function initialised(): AppsScriptWorld {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  return world;
}

const importCsv = (world: AppsScriptWorld, text = csv, options = {}) =>
  world.run<ImportOutcome>('importDsCsv', [text, 'dossiers.csv'], options);

/** The workbook without the Journal (its times differ between runs). */
function comparable(model: SpreadsheetModel): string {
  const sheets = (workbookPicture(model) as { name: string }[]).filter((s) => s.name !== 'Journal');
  return createHash('sha1').update(JSON.stringify(sheets)).digest('hex');
}

/** Rows of the members sheet holding an "Import DS" note and no UAI. */
function noteOnlyRows(model: SpreadsheetModel): number {
  const rows = model.requireSheet(MEMBERS_SHEET.name).values().slice(1);
  return rows.filter((r) => r[columnOf('importNote') - 1] !== '' && r[columnOf('uai') - 1] === '')
    .length;
}

describe('census import: cells and calls', () => {
  it('appends the note first, then one block of the carrying columns; killed at any call, converges', () => {
    const start = initialised();
    const reference = initialised();
    const { execution } = importCsv(reference);
    const expected = comparable(reference.spreadsheet);
    // Two writes for the new rows: the note column, then dossier … last carrying column.
    const written = execution.costs.get('Adhérents › Range.setValues');
    const lastCarrying = Math.max(
      ...MEMBERS_SHEET.columns
        .filter((c) => c.owner === 'user')
        .filter((c) =>
          reference.spreadsheet
            .requireSheet(MEMBERS_SHEET.name)
            .values()
            .slice(1)
            .some((r) => r[columnOf(c.key) - 1] !== ''),
        )
        .map((c) => columnOf(c.key)),
    );
    expect(written).toMatchObject({ calls: 2, cells: members.length * (lastCarrying + 1) });
    expect(lastCarrying).toBeLessThan(columnOf('importNote') - 1);

    let sawNoteOnly = false;
    for (let kill = 1; kill <= execution.total; kill++) {
      const world = newWorld({ spreadsheet: start.spreadsheet.clone() });
      expect(() => importCsv(world, csv, { killAtCall: kill })).toThrow(ExecutionKilled);
      if (noteOnlyRows(world.spreadsheet) === members.length) sawNoteOnly = true;
      importCsv(world);
      expect([kill, comparable(world.spreadsheet)]).toEqual([kill, expected]);
      expect(noteOnlyRows(world.spreadsheet)).toBe(0);
    }
    expect(sawNoteOnly).toBe(true);
  });

  it('a note row left by a killed import is cleared when the next export brings fewer rows', () => {
    const start = initialised();
    const total = importCsv(newWorld({ spreadsheet: start.spreadsheet.clone() })).execution.total;
    const killed = Array.from({ length: total }, (_, i) => i + 1)
      .map((kill) => {
        const world = newWorld({ spreadsheet: start.spreadsheet.clone() });
        expect(() => importCsv(world, csv, { killAtCall: kill })).toThrow(ExecutionKilled);
        return world;
      })
      .find((world) => noteOnlyRows(world.spreadsheet) > 0) as AppsScriptWorld;
    expect(noteOnlyRows(killed.spreadsheet)).toBe(members.length);
    const fewer = toCsv(exportRows(members.slice(0, 5)));
    expect(importCsv(killed, fewer).value).toMatchObject({ created: 5 });
    const rows = killed.spreadsheet.requireSheet(MEMBERS_SHEET.name).values().slice(1);
    expect(rows.filter((r) => r.some((v) => v !== ''))).toHaveLength(5);
    expect(noteOnlyRows(killed.spreadsheet)).toBe(0);
  });

  it('keeps the memory in one cell per dossier, and reads the earlier two-column layout', () => {
    const world = initialised();
    importCsv(world);
    const memory = world.spreadsheet.requireSheet(MEMORY);
    const values = memory.values();
    expect(values).toHaveLength(members.length + 1);
    expect(values.every((line) => line.slice(1).every((v) => v === ''))).toBe(true);
    const [key, forms] = JSON.parse(String(values[1][0])) as [string, Record<string, string>];
    expect(key).toBe(String(members[0].dossier));
    expect(forms.email).toBe(`s:${members[0].email}`);

    // The earlier layout: key, then the forms; a coordinator's correction is still told apart.
    for (let r = 2; r <= values.length; r++) {
      const [k, f] = JSON.parse(String(values[r - 1][0])) as [string, unknown];
      memory.cell(r, 1, true).value = k;
      memory.cell(r, 2, true).value = JSON.stringify(f);
    }
    const sheet = world.spreadsheet.requireSheet(MEMBERS_SHEET.name);
    sheet.cell(3, columnOf('email'), true).value = 'corrigee@ac-nancy-metz.fr';
    const changed = members.map((m, i) => (i === 5 ? { ...m, commune: 'Toul' } : m));
    expect(importCsv(world, toCsv(exportRows(changed))).value).toMatchObject({
      updated: 1,
      unchanged: members.length - 1,
    });
    expect(sheet.value(3, columnOf('email'))).toBe('corrigee@ac-nancy-metz.fr');
    // Rewritten in the one-column layout, the second column cleared.
    const after = memory.values();
    expect(after.slice(1).every((line) => (line[1] ?? '') === '')).toBe(true);
    const entries = after
      .slice(1)
      .map((line) => JSON.parse(String(line[0])) as [string, Record<string, string>]);
    expect(entries.find(([k]) => k === String(members[5].dossier))?.[1].commune).toBe('s:Toul');
  });

  it('reads each configuration sheet once, and appends its one Journal line in one call', () => {
    const world = initialised();
    for (const run of [
      () => importCsv(world).execution,
      () => world.run('validateCensus').execution,
    ]) {
      const execution = run();
      for (const sheet of ['Paramètres', 'Relances', 'Calendrier'])
        expect([sheet, execution.costs.get(`${sheet} › Range.getValues`)?.calls]).toEqual([
          sheet,
          1,
        ]);
      expect(execution.costs.get('Journal › Sheet.appendRow')?.calls).toBe(1);
      expect(execution.costs.get('Journal › Range.setValues')).toBeUndefined();
    }
    const journal = world.spreadsheet.requireSheet('Journal').values();
    expect(journal.slice(-2).map((line) => line[2])).toEqual([
      'Import du recensement (démarches simplifiées)',
      'Validation des recensements',
    ]);
  });
});
