// "Vérifier l'installation" through the bundle, in each mode a real Sheets can meet: apostrophe kept
// or hidden in Plain-text cells, triggers of another user, quota low, wrong time zone or locale.
// The literal-text strategy it learns is the one the writes use: an import and a re-import change
// nothing either way.

import type { ImportOutcome, InstallationLine, InstallationReport } from '../../src/shared/api';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { columnOf } from '../helpers/members';
import { newWorld } from '../helpers/world';
import type { AppsScriptWorld, WorldOptions } from '../../tools/emulator';

const USER = 'coordination@example.fr';
const OTHER = 'adjoint@example.fr';

function initializedWorld(options: WorldOptions = {}): AppsScriptWorld {
  const world = newWorld(options);
  world.run('initializeWorkbookFromMenu');
  return world;
}

const check = (world: AppsScriptWorld): InstallationReport =>
  world.callFromClient('checkInstallation') as InstallationReport;

const toFix = (report: InstallationReport, topic?: string): InstallationLine[] =>
  report.lines.filter((l) => l.status === 'à corriger' && (!topic || l.topic === topic));

const lineMatching = (report: InstallationReport, re: RegExp): InstallationLine => {
  const found = report.lines.find((l) => re.test(l.text));
  if (!found)
    throw new Error(`No line matching ${re}:\n${report.lines.map((l) => l.text).join('\n')}`);
  return found;
};

const lastJournal = (world: AppsScriptWorld): unknown[] =>
  world.spreadsheet.requireSheet('Journal').values().at(-1) ?? [];

describe('Vérifier l’installation', () => {
  it('is a menu entry that opens its sidebar', () => {
    const world = initializedWorld();
    world.open();
    world.clickMenu('Vérifier l’installation');
    expect(world.ui.shown.at(-1)).toMatchObject({
      kind: 'sidebar',
      title: 'Vérifier l’installation',
    });
  });

  it('on a correct installation: every service answers, all OK, reported in the Journal', () => {
    const world = initializedWorld({ mailQuota: 1500 });
    const report = check(world);
    expect(toFix(report, 'Services')).toEqual([]);
    for (const service of [
      'SpreadsheetApp',
      'MailApp',
      'ScriptApp',
      'PropertiesService',
      'LockService',
    ])
      expect(lineMatching(report, new RegExp(`\\(${service}\\) répond`)).status).toBe('ok');
    expect(toFix(report, 'Fuseau horaire et langue')).toEqual([]);
    expect(toFix(report, 'Feuilles et colonnes')).toEqual([]);
    expect(lineMatching(report, /compte Google Workspace/).status).toBe('ok');
    expect(report.canFixZones).toBe(false);
    const journal = lastJournal(world);
    expect(journal[1]).toBe(USER);
    expect(journal[2]).toBe('Vérification de l’installation');
    expect(String(journal[3])).toMatch(/^Installation vérifiée : /);
    expect(String(journal[3])).toContain('OK — Fuseau horaire du classeur : Europe/Paris.');
  });

  it('probes Plain-text cells in a temporary sheet, removed afterwards, and remembers the result', () => {
    const hidden = initializedWorld();
    const names = hidden.spreadsheet.sheets.map((s) => s.name);
    const report = check(hidden);
    expect(hidden.spreadsheet.sheets.map((s) => s.name)).toEqual(names);
    expect(
      JSON.parse(hidden.properties.document.values.get('texte.cellulesTexteBrut') ?? ''),
    ).toEqual({
      apostropheKept: false,
      equalsIsFormula: true,
    });
    expect(lineMatching(report, /apostrophe en tête est masquée/).status).toBe('ok');

    const kept = initializedWorld({ plainTextKeepsApostrophe: true });
    const keptReport = check(kept);
    expect(kept.spreadsheet.sheets.map((s) => s.name)).toEqual(names);
    expect(
      JSON.parse(kept.properties.document.values.get('texte.cellulesTexteBrut') ?? ''),
    ).toEqual({
      apostropheKept: true,
      equalsIsFormula: false,
    });
    expect(lineMatching(keptReport, /conservée comme un caractère/).status).toBe('ok');
    expect(lineMatching(keptReport, /« = » en tête reste du texte/).status).toBe('ok');
  });

  describe('the literal-text strategy it learns is the one the writes use', () => {
    const members = sampleMembers(12);
    const csv = toCsv(exportRows(members), ';', true);
    const importCsv = (world: AppsScriptWorld) =>
      world.run<ImportOutcome>('importDsCsv', [csv, 'dossiers.csv']).value;

    it.each([
      ['apostrophe hidden', false],
      ['apostrophe kept', true],
    ])('%s: an import stores the text as given, and a re-import changes nothing', (_, keep) => {
      const world = initializedWorld({ plainTextKeepsApostrophe: keep });
      check(world);
      expect(importCsv(world)).toMatchObject({ created: 12, updated: 0 });
      const sheet = world.spreadsheet.requireSheet('Adhérents');
      // A phone is digits and spaces: Sheets would read a number without the literal-text care.
      expect(members[0].signerPhone).toMatch(/^0[\d ]+$/);
      expect(sheet.value(2, columnOf('signerPhone'))).toBe(members[0].signerPhone);
      expect(sheet.value(2, columnOf('dossier'))).toBe(String(members[0].dossier));
      const before = JSON.stringify(sheet.values());
      expect(importCsv(world)).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
      expect(JSON.stringify(sheet.values())).toBe(before);
    });

    it('without the check, a Sheets that keeps the apostrophe would store it (what the probe prevents)', () => {
      const world = initializedWorld({ plainTextKeepsApostrophe: true });
      importCsv(world);
      const sheet = world.spreadsheet.requireSheet('Adhérents');
      expect(sheet.value(2, columnOf('signerPhone'))).toBe(`'${members[0].signerPhone}`);
    });
  });

  it('with another user’s daily reminders: says who owns them, counts only this user’s triggers', () => {
    const world = initializedWorld();
    world.run('toggleDailyRemindersFromMenu', [], { user: OTHER });
    expect(world.triggersOf(OTHER)).toHaveLength(1);
    const report = check(world);
    const owner = lineMatching(report, /activées par adjoint@example\.fr/);
    expect(owner.status).toBe('à corriger');
    expect(owner.action).toContain('adjoint@example.fr');
    expect(
      lineMatching(report, /Vos déclencheurs \(coordination@example\.fr\) : 0 sur 20/).status,
    ).toBe('ok');
    expect(world.triggersOf(OTHER)).toHaveLength(1);
  });

  it('with this user’s reminders on: OK, and the daily trigger listed with its type', () => {
    const world = initializedWorld();
    world.run('toggleDailyRemindersFromMenu');
    const report = check(world);
    expect(lineMatching(report, /Relances quotidiennes activées par vous/).status).toBe('ok');
    expect(lineMatching(report, /1 sur 20 autorisés : dailyReminders \(horaire\)/).status).toBe(
      'ok',
    );
  });

  it('cleans up spent continueMerge triggers, keeping one fresh continuation', () => {
    const world = initializedWorld();
    for (let i = 0; i < 3; i++)
      world.triggers.add({ handler: 'continueMerge', eventType: 'CLOCK', spent: true, user: USER });
    const report = check(world);
    const left = world.triggersOf(USER);
    expect(left).toHaveLength(1);
    expect(left[0].handler).toBe('continueMerge');
    expect(left[0].spent).toBeFalsy();
    expect(left[0].nextAt).toBeGreaterThan(world.clock.now());
    expect(lineMatching(report, /2 déclencheurs de reprise d’envoi/).status).toBe('ok');
    // Each service line reads as a sentence (subject and verb agree).
    expect(lineMatching(report, /\(ScriptApp\)/).text).toBe(
      'Le service des déclencheurs (ScriptApp) répond.',
    );
    // The fresh one fires, finds nothing to send and deletes itself.
    world.advanceTo(new Date(world.clock.now() + 5 * 60 * 1000));
    expect(world.triggersOf(USER)).toHaveLength(0);
  });

  it('with a low mail quota: à corriger, and says it looks like a consumer account', () => {
    const world = initializedWorld({ mailQuota: 10 });
    const line = lineMatching(check(world), /Il reste 10 destinataire/);
    expect(line.status).toBe('à corriger');
    expect(line.text).toContain('compte Gmail personnel');
    const consumer = initializedWorld({ mailQuota: 100 });
    const full = lineMatching(check(consumer), /Il reste 100 destinataire/);
    expect(full.status).toBe('ok');
    expect(full.text).toContain('compte Gmail personnel');
  });

  it('with a wrong time zone or locale: à corriger, and sets them when asked', () => {
    const world = initializedWorld({ scriptTimeZone: 'America/New_York' });
    world.spreadsheet.timeZone = 'Etc/UTC';
    world.spreadsheet.locale = 'en_US';
    const report = check(world);
    expect(toFix(report, 'Fuseau horaire et langue').map((l) => l.text)).toEqual([
      expect.stringMatching(/^Fuseau horaire du classeur : Etc\/UTC au lieu de Europe\/Paris/),
      expect.stringMatching(
        /^Fuseau horaire du script : America\/New_York au lieu de Europe\/Paris/,
      ),
      expect.stringMatching(/^Paramètres régionaux du classeur : en_US au lieu de fr_FR/),
    ]);
    expect(report.canFixZones).toBe(true);
    const fixed = world.callFromClient('setTimeZoneAndLocale') as InstallationReport;
    expect(world.spreadsheet.timeZone).toBe('Europe/Paris');
    expect(world.spreadsheet.locale).toBe('fr_FR');
    expect(fixed.done).toHaveLength(2);
    expect(fixed.canFixZones).toBe(false);
    // The script's zone lives in the manifest: only said, with what to do.
    expect(toFix(fixed, 'Fuseau horaire et langue')).toHaveLength(1);
  });

  it('Initialiser / réparer sets the spreadsheet’s time zone and locale', () => {
    const world = newWorld();
    world.spreadsheet.timeZone = 'Etc/UTC';
    world.spreadsheet.locale = 'en_US';
    world.run('initializeWorkbookFromMenu');
    expect(world.spreadsheet.timeZone).toBe('Europe/Paris');
    expect(world.spreadsheet.locale).toBe('fr_FR');
    expect(world.ui.lastDialog()?.message).toContain(
      'Paramètres régionaux du classeur : en_US remplacés par fr_FR',
    );
  });

  it('on a workbook not initialised: says what Initialiser / réparer would do, without writing', () => {
    const world = newWorld();
    const report = check(world);
    expect(world.spreadsheet.sheets.map((s) => s.name)).toEqual(['Feuille 1']);
    const sheets = toFix(report, 'Feuilles et colonnes').map((l) => l.text);
    expect(sheets).toContain(
      '« Initialiser / réparer le classeur » ferait : Feuille « Adhérents » créée.',
    );
  });

  it('reports the settings’ problems', () => {
    const world = initializedWorld();
    const settings = world.spreadsheet.requireSheet('Paramètres');
    const row = settings.values().findIndex((r) => r[0] === 'coordonnateur.email');
    settings.cell(row + 1, 3, true).value = 'pas-une-adresse';
    const line = lineMatching(check(world), /pas-une-adresse/);
    expect(line).toMatchObject({ topic: 'Paramètres', status: 'à corriger' });
  });
});
