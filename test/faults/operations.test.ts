// Fault injection over every operation that writes: the execution is killed at a call index, then
// the operation runs again. Invariants: no user-owned cell changed, no mail sent twice, and the final
// workbook equal to an uninterrupted run's, timestamps apart (journal, ledger times, refresh time).
//
// Sampling: every call index up to 30 (the reads and the first writes), then every 10th, and the
// last 5 (the final writes and the journal), so that each operation's beginning, middle and end are
// all killed while the suite stays within a few minutes on a 2-core machine.

import { AppsScriptWorld, ExecutionKilled, type SpreadsheetModel } from '../../tools/emulator';
import { exportRows, sampleExport, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { setSettings, typeMembers } from '../../tools/sample/workbook';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { cellsOf, pictureDigest, type KnownGrids } from '../helpers/snapshot';
import { initializedModel } from '../helpers/initialized';
import { DIST } from '../helpers/world';

const members = sampleMembers(40, 99);

export function sampleIndices(total: number): number[] {
  const indices = new Set<number>();
  for (let i = 1; i <= Math.min(total, 30); i++) indices.add(i);
  for (let i = 31; i <= total; i += 10) indices.add(i);
  for (let i = Math.max(1, total - 4); i <= total; i++) indices.add(i);
  return [...indices].sort((a, b) => a - b);
}

/**
 * A digest of the workbook's picture without what depends on the moment: the journal and the
 * refresh time. `known`: the grids of the workbook the executions start from (see pictureDigest).
 */
function comparable(model: SpreadsheetModel, known?: KnownGrids, remember = false): string {
  return pictureDigest(model, {
    skip: (name) => name === 'Journal',
    cells: (name, cells) => (name === 'Tableau de bord' ? cells.slice(2) : cells),
    known,
    remember,
  });
}

/** The user cells that existed before, as they are now. */
function unchanged(
  before: Map<string, unknown>,
  after: Map<string, unknown>,
): Map<string, unknown> {
  return new Map([...before].map(([key]) => [key, after.get(key)]));
}

/** Values of the user's cells of the members sheet (the validation's notes and colours are the tool's). */
function userCells(model: SpreadsheetModel): Map<string, unknown> {
  if (!model.sheet(MEMBERS_SHEET.name)) return new Map();
  const all = new Map(
    [...cellsOf(model, MEMBERS_SHEET.name)].map(([k, v]) => [
      k,
      (JSON.parse(String(v)) as { value: unknown }).value,
    ]),
  );
  const header = model.requireSheet(MEMBERS_SHEET.name).values()[0] ?? [];
  const toolColumns = new Set(
    MEMBERS_SHEET.columns
      .filter((c) => c.owner === 'tool')
      .map((c) => header.indexOf(c.header) + 1),
  );
  return new Map([...all].filter(([key]) => !toolColumns.has(Number(/C(\d+)$/.exec(key)?.[1]))));
}

function initialized(): SpreadsheetModel {
  const model = initializedModel();
  setSettings(model, { 'coordonnateur.email': 'coordination@groupement.example' });
  return model;
}

interface Operation {
  readonly name: string;
  readonly before: () => SpreadsheetModel;
  readonly run: (world: AppsScriptWorld, options?: { killAtCall?: number }) => unknown;
  /** The user's cells may change (the import brings the export's values; forms write what is typed). */
  readonly writesUserCells?: boolean;
}

const csv = toCsv(exportRows(sampleExport(members)));

const OPERATIONS: Operation[] = [
  {
    name: 'initialise / repair',
    before: () => new AppsScriptWorld({ distDir: DIST }).spreadsheet,
    run: (w, o) => w.run('initializeWorkbookFromMenu', [], o),
  },
  {
    name: 'census import',
    before: () => {
      const model = initialized();
      typeMembers(model, members.slice(0, 30));
      return model;
    },
    run: (w, o) => w.run('importDsCsv', [csv, 'export.csv'], o),
    writesUserCells: true,
  },
  {
    name: 'census validation',
    before: () => {
      const model = initialized();
      typeMembers(model, members);
      return model;
    },
    run: (w, o) => w.run('validateCensus', [], o),
  },
  {
    name: 'tracking and dashboard refresh',
    before: () => {
      const model = initialized();
      typeMembers(model, members);
      return model;
    },
    run: (w, o) => w.run('refreshTrackingFromMenu', [], o),
  },
  {
    name: 'member form',
    before: initialized,
    run: (w, o) =>
      w.run(
        'saveMember',
        [
          {
            uai: '0540015Y',
            name: 'Lycée =1+1',
            commune: 'Nancy',
            status: 'Public',
            email: '',
            wave: 'Automne 2025',
            convention: 'En attente',
            quantities: { pdf: '3' },
          },
        ],
        o,
      ),
    writesUserCells: true,
  },
];

describe.each(OPERATIONS)('$name killed at each call index', (operation) => {
  it('converges to the uninterrupted result without touching user cells', () => {
    const start = operation.before();
    const reference = new AppsScriptWorld({ distDir: DIST, spreadsheet: start.clone() });
    const total = (operation.run(reference) as { execution: { total: number } }).execution.total;
    const expected = comparable(reference.spreadsheet);
    const userBefore = userCells(start);
    // The grids of `start`, which no execution writes (each works on its own clone).
    const known: KnownGrids = new Map();
    comparable(start, known, true);
    for (const kill of sampleIndices(total)) {
      const world = new AppsScriptWorld({ distDir: DIST, spreadsheet: start.clone() });
      expect(() => operation.run(world, { killAtCall: kill })).toThrow(ExecutionKilled);
      if (!operation.writesUserCells) {
        expect([kill, unchanged(userBefore, userCells(world.spreadsheet))]).toEqual([
          kill,
          userBefore,
        ]);
      }
      operation.run(world);
      expect([kill, comparable(world.spreadsheet, known)]).toEqual([kill, expected]);
    }
  });
});

describe('daily reminders killed at each call index', () => {
  it('never remind twice; every reminder ends sent or to check', () => {
    const model = initialized();
    typeMembers(
      model,
      members.slice(0, 20).map((m) => ({ ...m, convention: 'En attente', dsState: 'Accepté' })),
    );
    const setup = new AppsScriptWorld({
      distDir: DIST,
      spreadsheet: model,
      now: new Date('2026-03-02T07:00:00+01:00'),
    });
    setup.run('refreshTrackingFromMenu');
    const suivi = model.requireSheet('Suivi');
    const header = suivi.values()[0];
    const [step, date] = ['Étape', 'Date de l’étape'].map((h) => header.indexOf(h) + 1);
    for (let row = 2; row <= suivi.lastRow(); row++) {
      if (String(suivi.value(row, 1)).endsWith('|convention')) {
        suivi.cell(row, step, true).value = 'Formulaire envoyé';
        suivi.cell(row, date, true).value = new Date(2026, 1, 2);
      }
    }
    const at = new Date('2026-03-16T07:00:00+01:00');
    const reference = new AppsScriptWorld({ distDir: DIST, spreadsheet: model.clone(), now: at });
    const total = reference.run('dailyReminders').execution.total;
    const remindedRef = reference.outbox.filter((m) => m.subject.startsWith('Rappel')).length;
    expect(remindedRef).toBeGreaterThan(5);
    for (const kill of sampleIndices(total)) {
      const world = new AppsScriptWorld({ distDir: DIST, spreadsheet: model.clone(), now: at });
      expect(() => world.run('dailyReminders', [], { killAtCall: kill })).toThrow(ExecutionKilled);
      world.run('dailyReminders');
      const addresses = world.outbox.map((m) => `${m.to[0]}|${m.subject}`);
      expect([kill, new Set(addresses).size]).toEqual([kill, addresses.length]);
      const ledger = world.spreadsheet.requireSheet('Envois').values().slice(1);
      const statusColumn = world.spreadsheet.requireSheet('Envois').values()[0].indexOf('Statut');
      const statuses = new Set(ledger.map((r) => r[statusColumn]));
      expect([kill, [...statuses].every((s) => s === 'envoyé' || s === 'à vérifier')]).toEqual([
        kill,
        true,
      ]);
      const reminded = world.outbox.filter((m) => m.subject.startsWith('Rappel')).length;
      const toCheck = ledger.filter((r) => r[statusColumn] === 'à vérifier').length;
      expect([kill, reminded + toCheck >= remindedRef, reminded <= remindedRef]).toEqual([
        kill,
        true,
        true,
      ]);
    }
  });
});
