// Issue 16: the census synchronised straight from démarches simplifiées, through the bundle, against
// the fake platform (tools/fake-ds), which validates every query against its schema subset. First
// sync over three pages, incremental sync (a changed and a deleted dossier, nothing else), every
// failure in French with nothing changed, pauses (rate limit, time budget) resumed by the one-off
// trigger, a kill at every call converging, the token kept out of the workbook, and the same export
// from a file and from the API giving identical workbooks.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DsSyncResult, ImportOutcome } from '../../src/shared/api';
import {
  AppsScriptWorld,
  detectScopes,
  ExecutionKilled,
  type SpreadsheetModel,
} from '../../tools/emulator';
import {
  FAKE_DEMARCHE,
  FAKE_TOKEN,
  FAKE_URL,
  FakeDemarchesSimplifiees,
  type ForcedFailure,
} from '../../tools/fake-ds/server';
import { sampleMembers } from '../../tools/sample/members';
import { setSettings } from '../../tools/sample/workbook';
import { connect, dsWorld, sync } from '../helpers/ds';
import { columnOf } from '../helpers/members';
import { pictureDigest, workbookPicture, type KnownGrids } from '../helpers/snapshot';
import { DIST, newWorld } from '../helpers/world';

const MEMBERS = 'Adhérents';
const STAGING = 'Synchronisation DS (en cours)';
const fetches = (world: AppsScriptWorld, from = 0): number =>
  world.executions.slice(from).reduce((n, e) => n + (e.calls.get('UrlFetchApp.fetch') ?? 0), 0);

/** A digest of the workbook without the Journal (see pictureDigest; `known`: grids kept as they were). */
const journalFree = (model: SpreadsheetModel, known?: KnownGrids, remember = false): string =>
  pictureDigest(model, { skip: (name) => name === 'Journal', known, remember });

/** The workbook without the Journal (its lines carry the time and the source). */
function withoutJournal(model: SpreadsheetModel): unknown {
  return (workbookPicture(model) as { name: string }[]).filter((s) => s.name !== 'Journal');
}

const digest = (value: unknown): string =>
  createHash('sha1').update(JSON.stringify(value)).digest('hex');

/** Every text the workbook holds: values, notes, formulas, sheet names. */
function workbookTexts(model: SpreadsheetModel): string[] {
  const texts: string[] = [];
  for (const sheet of model.sheets) {
    texts.push(sheet.name);
    for (const line of sheet.rows)
      for (const cell of line ?? [])
        if (cell)
          texts.push(String(cell.value), String(cell.note ?? ''), String(cell.formula ?? ''));
  }
  return texts;
}

describe('first sync', () => {
  it('reads 250 dossiers over three pages and imports them as the file import does', () => {
    const { world, fake } = dsWorld(sampleMembers(250, 7));
    const before = world.executions.length;
    const result = sync(world);
    expect(result.done).toBe(true);
    expect(result.lines[0]).toBe(
      `Source : synchronisation démarches simplifiées, démarche n° ${FAKE_DEMARCHE}, tous les dossiers (250).`,
    );
    expect(result.lines[1]).toBe('250 nouvelles lignes, 0 mise à jour, 0 inchangée, 0 rejetée.');
    // Three pages of at most 100, each query valid against the schema; no deleted dossiers asked
    // on a full sync (it lists what exists, as an export).
    expect(fake.received.map((q) => [q.operationName, q.status, q.variables.first])).toEqual([
      ['dossiersDuRecensement', 200, 100],
      ['dossiersDuRecensement', 200, 100],
      ['dossiersDuRecensement', 200, 100],
    ]);
    expect(fake.received[0].variables).not.toHaveProperty('updatedSince');
    expect(fetches(world, before)).toBe(3);
    const sheet = world.spreadsheet.requireSheet(MEMBERS);
    expect(sheet.lastRow()).toBe(251);
    // Typed champs read as the export writes them: checkbox and yes/no as Oui / Non (1 or empty),
    // integers sent as strings, the annuaire value split into UAI, name and commune.
    const dossiers = new Map(fake.dossiers.map((d) => [String(d.number), d]));
    let checked = 0;
    for (let row = 2; row <= 251; row++) {
      const d = dossiers.get(String(sheet.value(row, columnOf('dossier'))));
      expect(d).toBeDefined();
      const byLabel = new Map(d!.champs.map((c) => [c.label, c]));
      const school = String(byLabel.get('Établissement')?.stringValue);
      expect(school).toBe(
        `${String(sheet.value(row, columnOf('name')))}, ${String(sheet.value(row, columnOf('commune')))} (${String(sheet.value(row, columnOf('uai')))})`,
      );
      expect(sheet.value(row, columnOf('qty_vote'))).toBe(
        byLabel.get('Vote électronique (Kercia)')?.value === true ? 1 : '',
      );
      expect(sheet.value(row, columnOf('qty_signature'))).toBe(
        byLabel.get('Signature électronique (Yousign)')?.value === true ? 1 : '',
      );
      const pdf = byLabel.get('Logiciel PDF (Foxit)')?.value;
      expect(sheet.value(row, columnOf('qty_pdf'))).toBe(pdf ? Number(pdf) : '');
      if (pdf) checked++;
    }
    expect(checked).toBeGreaterThan(50);
    const states = new Set(
      sheet
        .values()
        .slice(1)
        .map((r) => r[columnOf('dsState') - 1]),
    );
    expect([...states].sort()).toEqual(
      ['Accepté', 'En construction', 'En instruction', 'Refusé'].sort(),
    );
    // The Journal line of an import; the next sync will ask what changed since the newest change.
    const journal = world.spreadsheet.requireSheet('Journal').values().at(-1);
    expect(journal?.[2]).toBe('Import du recensement (démarches simplifiées)');
    expect(journal?.[4]).toBe(250);
    const newest = fake.dossiers
      .map((d) => d.dateDerniereModification)
      .sort((a, b) => (Date.parse(a) < Date.parse(b) ? -1 : 1))[249];
    expect(JSON.parse(world.properties.document.values.get('ds.depuis') ?? '')).toMatchObject({
      demarche: FAKE_DEMARCHE,
      url: FAKE_URL,
      since: newest,
    });
    expect(world.spreadsheet.sheet(STAGING)).toBeUndefined();
    expect(world.properties.document.values.has('ds.synchro')).toBe(false);
  });

  it('is a menu entry that shows the result', () => {
    const { world } = dsWorld(sampleMembers(5));
    world.open();
    world.clickMenu('Synchroniser avec démarches simplifiées');
    expect(world.ui.lastDialog()?.message).toContain('5 nouvelles lignes');
    world.clickMenu('Connexion démarches simplifiées…');
    const page = world.ui.shown.at(-1);
    expect(page).toMatchObject({ kind: 'sidebar', title: 'Connexion démarches simplifiées' });
    expect(page?.html).toContain('getDsConnection');
    expect(page?.html).not.toContain(FAKE_TOKEN);
  });
});

describe('incremental sync', () => {
  it('picks up one changed and one deleted dossier, and nothing else', () => {
    const { world, fake } = dsWorld(sampleMembers(120, 3));
    sync(world);
    const sheet = world.spreadsheet.requireSheet(MEMBERS);
    const before = sheet.values().map((r) => r.map((v) => (v instanceof Date ? v.getTime() : v)));
    const since = JSON.parse(world.properties.document.values.get('ds.depuis') ?? '').since;
    world.clock.advance(24 * 3_600_000);
    const changed = fake.dossiers[40];
    const gone = fake.dossiers[75];
    fake.update(changed.number, (d) => {
      d.champs = d.champs.map((c) =>
        c.label === 'Adresse fonctionnelle'
          ? {
              ...c,
              stringValue: 'gestion.nouvelle@ac-nancy-metz.fr',
              value: 'gestion.nouvelle@ac-nancy-metz.fr',
            }
          : c,
      );
    });
    fake.remove(gone.number);
    const asked = fake.received.length;
    const result = sync(world);
    const queries = fake.received.slice(asked);
    expect(queries.map((q) => q.operationName)).toEqual([
      'dossiersDuRecensement',
      'dossiersSupprimes',
    ]);
    expect(queries[0].variables.updatedSince).toBe(since);
    expect(queries[1].variables.deletedSince).toBe(since);
    expect(result.lines).toContain('0 nouvelle ligne, 1 mise à jour, 1 inchangée, 0 rejetée.');
    expect(result.lines).toContain(
      "1 ligne du classeur absente de l'export : marquée « Absent de l'export », conservée.",
    );
    const after = sheet.values().map((r) => r.map((v) => (v instanceof Date ? v.getTime() : v)));
    const rowOf = (n: number) => after.findIndex((r) => r[columnOf('dossier') - 1] === String(n));
    const changedRow = rowOf(changed.number);
    const goneRow = rowOf(gone.number);
    expect(after[changedRow][columnOf('email') - 1]).toBe('gestion.nouvelle@ac-nancy-metz.fr');
    expect(after[changedRow][columnOf('importNote') - 1]).toBe(
      'Mise à jour le 03/03/2026 : Adresse fonctionnelle',
    );
    // The deleted dossier is flagged, never deleted; every other cell is as before.
    expect(after[goneRow][columnOf('importNote') - 1]).toBe(
      "Absent de l'export du 03/03/2026 : vérifiez le dossier sur démarches simplifiées",
    );
    expect(after[goneRow][columnOf('uai') - 1]).toBe(before[goneRow][columnOf('uai') - 1]);
    expect(after).toHaveLength(before.length);
    const differences: string[] = [];
    after.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== before[r][c]) differences.push(`${r}:${c}`);
      }),
    );
    expect(differences.sort()).toEqual(
      [
        `${changedRow}:${columnOf('email') - 1}`,
        `${changedRow}:${columnOf('importNote') - 1}`,
        `${goneRow}:${columnOf('importNote') - 1}`,
      ].sort(),
    );
    // Nothing changed since: the next sync changes nothing.
    const third = sync(world);
    expect(third.lines[1]).toMatch(/^0 nouvelle ligne, 0 mise à jour/);
    expect(sheet.values().map((r) => r.map((v) => (v instanceof Date ? v.getTime() : v)))).toEqual(
      after,
    );
  });
});

describe('the "Correspondance DS" rules', () => {
  it('apply to the démarche’s labels, and a change of them makes the next sync read every dossier', () => {
    const { world, fake } = dsWorld(sampleMembers(30, 4));
    fake.renameField('Adresse fonctionnelle', 'Courriel de gestion');
    fake.renameField('Vague', 'Période souhaitée');
    const first = sync(world);
    // The e-mail column is recognised by its words and content; the period is not a known field.
    expect(first.lines).toContain(
      "Colonnes du formulaire non utilisées (1) : « Période souhaitée » ; si l'une d'elles doit remplir une colonne, indiquez son nom dans la feuille « Correspondance DS ».",
    );
    const sheet = world.spreadsheet.requireSheet(MEMBERS);
    expect(sheet.value(2, columnOf('email'))).toMatch(/@ac-nancy-metz\.fr$/);
    expect(sheet.value(2, columnOf('wave'))).toBe('');
    const mapping = world.spreadsheet.requireSheet('Correspondance DS');
    const line = mapping.values().findIndex((r) => r[0] === 'wave') + 1;
    mapping.cell(line, 3, true).value = 'Période souhaitée';
    const asked = fake.received.length;
    const second = sync(world);
    // Nothing changed on the platform, but every dossier is read again with the new rule.
    expect(fake.received[asked].variables).not.toHaveProperty('updatedSince');
    expect(second.lines[1]).toBe('0 nouvelle ligne, 30 mises à jour, 0 inchangée, 0 rejetée.');
    expect(sheet.value(2, columnOf('wave'))).toMatch(/^(Automne 2025|Printemps 2026)$/);
    const third = sync(world);
    expect(fake.received.at(-2)?.variables).toHaveProperty('updatedSince');
    expect(third.lines[1]).toMatch(/^0 nouvelle ligne, 0 mise à jour/);
  });
});

describe('failures', () => {
  const cases: {
    name: string;
    setup: (fake: FakeDemarchesSimplifiees, world: AppsScriptWorld) => void;
    message: RegExp;
  }[] = [
    {
      name: 'wrong token (401)',
      setup: (fake) => fake.tokens.delete(FAKE_TOKEN),
      message: /^Jeton d'API refusé par démarches simplifiées \(jeton erroné ou révoqué\)/,
    },
    {
      name: 'expired token (401 Token expired)',
      setup: (fake) => fake.tokens.set(FAKE_TOKEN, 'expired'),
      message: /^Le jeton d'API démarches simplifiées a expiré/,
    },
    {
      name: 'token limited to other networks (403)',
      setup: (fake) => fake.tokens.set(FAKE_TOKEN, 'ip-limited'),
      message: /limité à certains réseaux \(adresses IP\)/,
    },
    {
      name: 'démarche not found (GraphQL error)',
      setup: (_fake, world) => world.properties.document.values.set('ds.demarche', '12345'),
      message: /^Démarche n° 12345 introuvable ou non accessible avec ce jeton/,
    },
    {
      name: 'démarche not accessible with this token (GraphQL error)',
      setup: (fake) => fake.tokens.set(FAKE_TOKEN, 'no-access'),
      message: /^Démarche n° 98765 introuvable ou non accessible avec ce jeton/,
    },
    {
      name: 'network',
      setup: (fake) =>
        fake.failNext.push({
          network: 'Address unavailable: https://demarche.numerique.gouv.fr/api/v2/graphql',
        }),
      message: /^démarches simplifiées ne répond pas \(réseau ou adresse de la plateforme\)/,
    },
    {
      name: 'rate limit (429)',
      setup: (fake) => fake.failNext.push({ status: 429, resetSeconds: 42 }),
      message: /limite le nombre d'appels \(400 par minute\) : réessayez dans 42 s/,
    },
    {
      name: 'server error (503)',
      setup: (fake) => fake.failNext.push({ status: 503 }),
      message: /^démarches simplifiées est indisponible \(erreur 503\)/,
    },
    {
      name: 'other GraphQL error',
      setup: (fake) => fake.failNext.push({ graphqlError: 'Query too complex' }),
      message: /^démarches simplifiées a refusé la requête : Query too complex\./,
    },
  ];

  it.each(cases)('$name: French message from "Tester la connexion", nothing changed', (c) => {
    const { world, fake } = dsWorld(sampleMembers(30));
    c.setup(fake, world);
    const before = digest(workbookPicture(world.spreadsheet));
    expect(() => world.callFromClient('testDsConnection')).toThrow(c.message);
    expect(digest(workbookPicture(world.spreadsheet))).toBe(before);
  });

  it.each(cases.filter((c) => !c.name.startsWith('rate')))(
    '$name: the sync stops with the French message and changes nothing (also after a first page)',
    (c) => {
      for (const atPage of [1, 2]) {
        const { world, fake } = dsWorld(sampleMembers(150));
        if (atPage === 1) c.setup(fake, world);
        const picture = digest(workbookPicture(world.spreadsheet));
        const properties = [...world.properties.document.values];
        if (atPage === 2) {
          // The failure comes with the second page: the first page read is forgotten.
          const failure: ForcedFailure | undefined = c.name.startsWith('wrong token')
            ? { status: 401 }
            : c.name.startsWith('expired')
              ? { status: 401, body: '{"errors":[{"message":"Token expired"}]}' }
              : c.name.startsWith('token limited')
                ? { status: 403 }
                : c.name.startsWith('démarche')
                  ? { graphqlError: 'Demarche not found', code: 'not_found' }
                  : c.name === 'network'
                    ? { network: 'Timeout' }
                    : c.name.startsWith('server')
                      ? { status: 503 }
                      : { graphqlError: 'Query too complex' };
          fake.failAt.set(2, failure);
        }
        const message = (() => {
          try {
            sync(world);
          } catch (error) {
            return (error as Error).message;
          }
          return 'no error';
        })();
        if (atPage === 1) expect(message).toMatch(c.message);
        else expect(message).toMatch(/Rien n'a été modifié\.$/);
        expect([c.name, atPage, digest(workbookPicture(world.spreadsheet))]).toEqual([
          c.name,
          atPage,
          picture,
        ]);
        expect([...world.properties.document.values]).toEqual(properties);
      }
    },
  );

  it('a sync without a token or without a démarche says what to do, and changes nothing', () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    const before = digest(workbookPicture(world.spreadsheet));
    expect(() => sync(world)).toThrow(/^Numéro de démarche non renseigné/);
    world.properties.document.values.set('ds.demarche', String(FAKE_DEMARCHE));
    expect(() => sync(world)).toThrow(/^Aucun jeton d'API démarches simplifiées/);
    expect(digest(workbookPicture(world.spreadsheet))).toBe(before);
  });
});

describe('a sync that cannot finish in one execution', () => {
  /** The reference: the same démarche synchronised without interruption. */
  function reference(count: number): { picture: string; since: string | undefined } {
    const { world } = dsWorld(sampleMembers(count, 11));
    sync(world);
    return {
      picture: journalFree(world.spreadsheet),
      since: world.properties.document.values.get('ds.depuis'),
    };
  }

  it('waits for RateLimit-Reset after a 429, then continues in a one-off trigger', () => {
    const expected = reference(250);
    const { world, fake } = dsWorld(sampleMembers(250, 11));
    fake.failAt.set(2, { status: 429, resetSeconds: 30 });
    const paused = sync(world);
    expect(paused.done).toBe(false);
    expect(paused.lines[0]).toMatch(
      /^Limite d'appels de démarches simplifiées atteinte : 100 dossiers lus, la synchronisation reprend seule vers 02\/03\/2026 08:00/,
    );
    // Nothing imported yet; what was read waits in a hidden sheet, the cursor in the properties.
    expect(world.spreadsheet.requireSheet(MEMBERS).lastRow()).toBe(1);
    expect(world.spreadsheet.requireSheet(STAGING).hidden).toBe(true);
    const pending = world.triggersOf().filter((t) => t.handler === 'continueDsSync');
    expect(pending).toHaveLength(1);
    const fired = world.advanceTo(new Date(world.clock.now() + 60_000));
    expect(fired.map((f) => [f.trigger.handler, f.error])).toEqual([['continueDsSync', undefined]]);
    // Page 2 asked again with the saved cursor, then page 3.
    expect(fake.received.map((q) => q.status)).toEqual([200, 429, 200, 200]);
    expect(fake.received[2].variables.after).toBe(fake.received[1].variables.after);
    expect(journalFree(world.spreadsheet)).toBe(expected.picture);
    expect(world.properties.document.values.get('ds.depuis')).toBe(expected.since);
    expect(world.triggersOf().filter((t) => t.handler === 'continueDsSync')).toEqual([]);
  });

  it('tries again two minutes later when the continuation finds the workbook busy', () => {
    const expected = reference(250);
    const { world, fake } = dsWorld(sampleMembers(250, 11));
    fake.failAt.set(2, { status: 429, resetSeconds: 30 });
    sync(world);
    // Another operation (a send, an import…) holds the document lock when the trigger fires.
    const other = world.execution();
    world.locks.document.holder = other;
    const fired = world.advanceTo(new Date(world.clock.now() + 60_000));
    expect(fired.map((f) => [f.trigger.handler, f.error])).toEqual([['continueDsSync', undefined]]);
    expect(world.logs.at(-1)).toBe(
      'Une autre opération occupe le classeur : la synchronisation reprendra seule dans deux minutes.',
    );
    const pending = world.triggersOf().filter((t) => t.handler === 'continueDsSync');
    expect(pending).toHaveLength(1);
    expect(world.spreadsheet.requireSheet(MEMBERS).lastRow()).toBe(1);
    other.end();
    world.advanceTo(new Date(world.clock.now() + 3 * 60_000));
    expect(journalFree(world.spreadsheet)).toBe(expected.picture);
    expect(world.triggersOf().filter((t) => t.handler === 'continueDsSync')).toEqual([]);
  });

  it('pauses and resumes a large form (300 fields: the labels exceed a 9 KB property)', () => {
    const large = (fake: FakeDemarchesSimplifiees): void => {
      for (let i = 0; i < 300; i++)
        fake.descriptors.push({
          id: `extra-${i}`,
          label: `Question complémentaire n° ${i} sur l'organisation de l'établissement`,
          type: 'text',
          required: false,
        });
    };
    const reference = dsWorld(sampleMembers(150, 11));
    large(reference.fake);
    sync(reference.world);
    const { world, fake } = dsWorld(sampleMembers(150, 11));
    large(fake);
    fake.failAt.set(2, { status: 429, resetSeconds: 5 });
    expect(sync(world).done).toBe(false);
    expect(world.properties.document.values.get('ds.synchro')?.length).toBeLessThan(2000);
    world.advanceTo(new Date(world.clock.now() + 60_000));
    expect(journalFree(world.spreadsheet)).toBe(journalFree(reference.world.spreadsheet));
  });

  it('stops reading near four minutes and continues a minute later (slow platform)', () => {
    const expected = reference(250);
    const { world, fake } = dsWorld(sampleMembers(250, 11), {
      latency: { perCall: { default: 0, UrlFetchApp: 150_000 }, perCell: 0 },
    });
    const paused = sync(world);
    expect(paused).toMatchObject({ done: false });
    expect(paused.lines[0]).toMatch(/^Temps d'exécution presque écoulé : 200 dossiers lus/);
    world.advanceTo(new Date(world.clock.now() + 5 * 60_000));
    expect(fake.received).toHaveLength(3);
    expect(journalFree(world.spreadsheet)).toBe(expected.picture);
    expect(world.properties.document.values.get('ds.depuis')).toBe(expected.since);
  });

  it('killed at every call of a two-page sync, then run again, gives the uninterrupted workbook', () => {
    const members = sampleMembers(110, 11);
    const start = dsWorld(members);
    const reference = new AppsScriptWorld({
      distDir: DIST,
      spreadsheet: start.world.spreadsheet.clone(),
      now: new Date(start.world.clock.now()),
    });
    const setUp = (world: AppsScriptWorld): FakeDemarchesSimplifiees => {
      const fake = new FakeDemarchesSimplifiees({ members, now: () => world.clock.now() });
      world.network.handler = fake.handle;
      for (const [k, v] of start.world.properties.document.values)
        world.properties.document.values.set(k, v);
      for (const [k, v] of start.world.properties.user.values)
        world.properties.user.values.set(k, v);
      return fake;
    };
    const fake = setUp(reference);
    const { execution } = reference.run<DsSyncResult>('syncDsNow');
    expect(fake.received).toHaveLength(2);
    const expected = journalFree(reference.spreadsheet);
    // The grids of the workbook every kill starts from (no execution writes it).
    const known: KnownGrids = new Map();
    journalFree(start.world.spreadsheet, known, true);
    const since = reference.properties.document.values.get('ds.depuis');
    expect(execution.total).toBeGreaterThan(20);
    for (let kill = 1; kill <= execution.total; kill++) {
      const world = new AppsScriptWorld({
        distDir: DIST,
        spreadsheet: start.world.spreadsheet.clone(),
        now: new Date(start.world.clock.now()),
      });
      setUp(world);
      expect(() => world.run('syncDsNow', [], { killAtCall: kill })).toThrow(ExecutionKilled);
      world.run('syncDsNow');
      world.advanceTo(new Date(world.clock.now() + 10 * 60_000));
      expect([kill, journalFree(world.spreadsheet, known)]).toEqual([kill, expected]);
      expect([kill, world.properties.document.values.get('ds.depuis')]).toEqual([kill, since]);
      expect([kill, world.properties.document.values.has('ds.synchro')]).toEqual([kill, false]);
    }
  });

  it('killed at every call of a continuation after a pause, then resumed, gives the same workbook', () => {
    const members = sampleMembers(150, 11);
    const expected = reference(150);
    const paused = dsWorld(members);
    paused.fake.failAt.set(2, { status: 429, resetSeconds: 30 });
    sync(paused.world);
    const probe = new AppsScriptWorld({
      distDir: DIST,
      spreadsheet: paused.world.spreadsheet.clone(),
    });
    const copy = (world: AppsScriptWorld): void => {
      const fake = new FakeDemarchesSimplifiees({ members, now: () => world.clock.now() });
      world.network.handler = fake.handle;
      for (const store of ['document', 'user'] as const)
        for (const [k, v] of paused.world.properties[store].values)
          world.properties[store].values.set(k, v);
    };
    copy(probe);
    const total = probe.run('continueDsSync', [{}]).execution.total;
    const known: KnownGrids = new Map();
    journalFree(paused.world.spreadsheet, known, true);
    for (let kill = 1; kill <= total; kill += 3) {
      const world = new AppsScriptWorld({
        distDir: DIST,
        spreadsheet: paused.world.spreadsheet.clone(),
      });
      copy(world);
      expect(() => world.run('continueDsSync', [{}], { killAtCall: kill })).toThrow(
        ExecutionKilled,
      );
      world.run('syncDsNow');
      expect([kill, journalFree(world.spreadsheet, known)]).toEqual([kill, expected.picture]);
    }
  });
});

describe('the API token', () => {
  it('never appears in a cell, a note, the Journal, a log, a dialog, a page answer or an error', () => {
    const { world, fake } = dsWorld(sampleMembers(130));
    const seen: string[] = [];
    const call = (name: string, args: unknown[] = []): void => {
      try {
        seen.push(JSON.stringify(world.callFromClient(name, args)));
      } catch (error) {
        seen.push(String((error as Error).message), String((error as Error).stack));
      }
    };
    call('getDsConnection');
    call('testDsConnection');
    call('syncDsNow');
    // Failures of every kind, one of them a server message that echoes the token.
    for (const failure of [
      { status: 401 },
      { status: 403 },
      { status: 429, resetSeconds: 5 },
      { network: `Address unavailable (${FAKE_TOKEN})` },
      { graphqlError: `Invalid token ${FAKE_TOKEN}` },
    ] as ForcedFailure[]) {
      fake.failNext.push(failure);
      call('syncDsNow');
      fake.failNext.push(failure);
      call('testDsConnection');
    }
    world.open();
    fake.failNext.push({ graphqlError: `Invalid token ${FAKE_TOKEN}` });
    world.clickMenu('Synchroniser avec démarches simplifiées');
    world.advanceTo(new Date(world.clock.now() + 3_600_000));
    call('saveDsConnection', [
      { demarche: String(FAKE_DEMARCHE), url: FAKE_URL, token: '', beforeReminders: false },
    ]);
    call('removeDsToken');
    expect(seen.join('\n')).toContain('Jeton');
    const everywhere = [
      ...workbookTexts(world.spreadsheet),
      ...world.logs,
      ...world.ui.dialogs.map((d) => `${d.title} ${d.message}`),
      ...seen,
      ...[...world.properties.document.values].flat(),
      ...[...world.properties.script.values].flat(),
    ];
    expect(everywhere.filter((t) => t.includes(FAKE_TOKEN))).toEqual([]);
    // It went where it belongs: the Authorization header of each request, and nowhere else.
    expect(world.network.requests.length).toBeGreaterThan(5);
    for (const request of world.network.requests) {
      expect(request.headers.Authorization).toBe(`Bearer ${FAKE_TOKEN}`);
      expect(request.url + request.payload).not.toContain(FAKE_TOKEN);
    }
  });

  it('is kept per user, shown only as set or not, replaced or removed from the page', () => {
    const { world } = dsWorld(sampleMembers(3));
    expect(world.callFromClient('getDsConnection')).toMatchObject({
      demarche: String(FAKE_DEMARCHE),
      url: FAKE_URL,
      hasToken: true,
    });
    expect(world.properties.user.values.get('ds.jeton')).toBe(FAKE_TOKEN);
    // Another editor has no token of their own.
    expect(
      world.callFromClient('getDsConnection', [], { user: 'adjoint@example.fr' }),
    ).toMatchObject({ hasToken: false });
    expect(connect(world, 'nouveau-jeton-0123456789')).toMatchObject({ ok: true });
    expect(world.properties.user.values.get('ds.jeton')).toBe('nouveau-jeton-0123456789');
    expect(world.callFromClient('removeDsToken')).toMatchObject({ hasToken: false });
    expect(world.properties.user.values.has('ds.jeton')).toBe(false);
    expect(
      world.callFromClient('saveDsConnection', [
        { demarche: 'abc', url: 'ftp://x', token: 'a b', beforeReminders: false },
      ]),
    ).toMatchObject({
      ok: false,
      errors: {
        demarche: expect.stringContaining("« abc » n'est pas un numéro de démarche"),
        url: expect.stringContaining("« ftp://x » n'est pas une adresse de plateforme"),
        token: expect.stringContaining("Le jeton ne contient pas d'espace"),
      },
    });
  });

  it('"Tester la connexion" gives the démarche’s title and its number of dossiers', () => {
    const { world, fake } = dsWorld(sampleMembers(230));
    expect(world.callFromClient('testDsConnection')).toEqual([
      `Connexion réussie : démarche n° ${FAKE_DEMARCHE} « ${fake.title} ».`,
      '230 dossiers hors brouillons.',
    ]);
    expect(fake.received.map((q) => q.operationName)).toEqual([
      'testConnexion',
      'testConnexion',
      'testConnexion',
    ]);
  });
});

describe('the same export from a file and from the API', () => {
  it('gives identical workbooks', () => {
    const members = sampleMembers(120, 5);
    const { world: synced, fake } = dsWorld(members);
    const outcome = sync(synced);
    const file = newWorld();
    file.run('initializeWorkbookFromMenu');
    const imported = file.run<ImportOutcome>('importDsCsv', [
      fake.exportCsv(),
      'dossiers.csv',
    ]).value;
    expect(imported.created).toBe(120);
    expect(outcome.lines[1]).toBe(imported.lines[1]);
    expect(withoutJournal(synced.spreadsheet)).toEqual(withoutJournal(file.spreadsheet));
    // The Journal says the same action and count; only the source and the unused columns differ.
    const journal = (w: AppsScriptWorld) =>
      w.spreadsheet
        .requireSheet('Journal')
        .values()
        .slice(1)
        .map((r) => [r[2], r[4]]);
    expect(journal(synced)).toEqual(journal(file));
    // And a later export of the same dossiers, imported over the synced workbook, changes nothing.
    const again = synced.run<ImportOutcome>('importDsCsv', [
      fake.exportCsv(),
      'dossiers.csv',
    ]).value;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 120 });
  });
});

describe('the daily run', () => {
  function dailyWorld(): ReturnType<typeof dsWorld> {
    const made = dsWorld(sampleMembers(12));
    setSettings(made.world.spreadsheet, {
      'coordonnateur.email': 'coordination@groupement.example',
    });
    return made;
  }
  const setBeforeReminders = (world: AppsScriptWorld, on: boolean): unknown =>
    world.callFromClient('saveDsConnection', [
      { demarche: String(FAKE_DEMARCHE), url: FAKE_URL, token: '', beforeReminders: on },
    ]);
  const journalLine = (world: AppsScriptWorld, action: string): string =>
    String(
      world.spreadsheet
        .requireSheet('Journal')
        .values()
        .filter((r) => r[2] === action)
        .at(-1)?.[3] ?? '',
    );

  it('synchronises before the reminders when the setting is on, and says so in the digest', () => {
    const { world, fake } = dailyWorld();
    setBeforeReminders(world, true);
    world.run('dailyReminders', [], { interactive: false });
    expect(fake.received.map((q) => q.operationName)).toEqual(['dossiersDuRecensement']);
    expect(world.spreadsheet.requireSheet(MEMBERS).lastRow()).toBe(13);
    expect(journalLine(world, 'Relances quotidiennes')).toContain(
      'Synchronisation avant les relances : Source : synchronisation démarches simplifiées',
    );
    const digest = world.outbox.find((m) => m.subject.includes('récapitulatif'));
    expect(digest?.body).toContain('Synchronisation avant les relances');
    expect(digest?.body).not.toContain(FAKE_TOKEN);
  });

  it('sends the reminders anyway when the sync fails, and says why; nothing when the setting is off', () => {
    const { world, fake } = dailyWorld();
    setBeforeReminders(world, true);
    fake.tokens.set(FAKE_TOKEN, 'expired');
    world.run('dailyReminders', [], { interactive: false });
    expect(journalLine(world, 'Relances quotidiennes')).toContain(
      "Synchronisation avant les relances : Le jeton d'API démarches simplifiées a expiré",
    );
    expect(world.outbox.some((m) => m.subject.includes('récapitulatif'))).toBe(true);
    const off = dailyWorld();
    setBeforeReminders(off.world, false);
    off.world.run('dailyReminders', [], { interactive: false });
    expect(off.fake.received).toEqual([]);
  });
});

describe('manifest', () => {
  it('asks for script.external_request, which the sync’s code needs', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
    const code = fs.readFileSync(path.join(DIST, 'Code.js'), 'utf8');
    const scope = 'https://www.googleapis.com/auth/script.external_request';
    expect(detectScopes(code)).toContain(scope);
    expect(manifest.oauthScopes).toContain(scope);
    // The manifest asks for exactly what Google's detection finds in the code (Sheets narrowed to
    // this spreadsheet): nothing missing, nothing more.
    const narrowed = detectScopes(code).map((s) =>
      s.endsWith('/auth/spreadsheets') ? `${s}.currentonly` : s,
    );
    expect([...manifest.oauthScopes].sort()).toEqual(narrowed.sort());
    // Without it, the sync is refused by Apps Script before any request.
    const world = newWorld({
      scopes: manifest.oauthScopes.filter((s: string) => s !== scope),
    });
    world.network.handler = new FakeDemarchesSimplifiees({
      members: sampleMembers(2),
      now: () => world.clock.now(),
    }).handle;
    world.run('initializeWorkbookFromMenu');
    connect(world);
    expect(() => sync(world)).toThrow(
      `You do not have permission to call UrlFetchApp.fetch. Required permissions: ${scope}`,
    );
  });
});
