// Issue 12, point 13: configuration mistakes (Paramètres, Relances, Calendrier) are named with their
// sheet, row and column; those that decide who is reminded or when stop the member reminders (the
// digest still goes and says why), the others fall back with a visible warning.

import { CALENDAR_SHEET } from '../../src/core/workbook/calendar';
import { RULES_SHEET } from '../../src/core/workbook/reminder-rules';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import type { CellValue, SpreadsheetModel } from '../../tools/emulator';
import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { setSettings } from '../../tools/sample/workbook';
import { baseModel, setCell, worldOn } from '../helpers/mail';
import { fr } from '../helpers/french';

/** Two members whose convention form was sent long ago: a reminder is due on 2 March 2026. */
function remindable(settings: Record<string, string> = {}): SpreadsheetModel {
  const model = baseModel(2, () => ({ convention: 'En attente', signatureDate: '' }), settings);
  const suivi = model.requireSheet(TRACKING_SHEET.name);
  const convention = (r: Record<string, unknown>) => String(r.key).endsWith('|convention');
  setCell(suivi, TRACKING_SHEET, convention, 'step', 'Formulaire envoyé');
  setCell(suivi, TRACKING_SHEET, convention, 'stepDate', new Date(2026, 0, 5));
  return model;
}

const conventionRule = (r: Record<string, unknown>) => r.id === 'convention';

function withRule(key: string, value: CellValue, model = remindable()): SpreadsheetModel {
  setCell(model.requireSheet(RULES_SHEET.name), RULES_SHEET, conventionRule, key, value);
  return model;
}

function runReminders(model: SpreadsheetModel) {
  const world = worldOn(model);
  world.run('dailyReminders');
  const reminders = world.outbox.filter((m) => m.subject.startsWith('Rappel'));
  const digest = world.outbox.find((m) => m.subject.includes('récapitulatif'));
  const journal = world.spreadsheet
    .requireSheet('Journal')
    .values()
    .map((r) => r.join(' '))
    .join('\n');
  return { world, reminders, digest, journal };
}

describe('configuration checked loudly', () => {
  it('a valid configuration reminds (reference)', () => {
    expect(runReminders(remindable()).reminders).toHaveLength(2);
  });

  it('an audience typed « Adhérent » with a capital is understood', () => {
    expect(runReminders(withRule('audience', 'Adhérent')).reminders).toHaveLength(2);
  });

  it.each([
    ['delay', -5, 'Délai (jours ouvrés)', '« -5 »'],
    ['delay', 'abc', 'Délai (jours ouvrés)', '« abc »'],
    ['delay', '5', 'Délai (jours ouvrés)', 'écrit comme du texte'],
    ['max', 'beaucoup', 'Nombre maximal', '« beaucoup »'],
    ['audience', 'tout le monde', 'Destinataire', 'attendu « adhérent » ou « coordonnateur »'],
    ['template', '', 'Modèle', 'modèle vide'],
  ])(
    'a rule with %s = %p stops the member reminders; the digest and the Journal name the cell',
    (key, value, column, words) => {
      const { reminders, digest, journal } = runReminders(withRule(key, value));
      expect(reminders).toHaveLength(0);
      const where = `Feuille « Relances », ligne 2, colonne « ${column} »`;
      expect(digest?.body).toContain(fr(where));
      expect(digest?.body).toContain(fr(words));
      expect(journal).toContain(where);
    },
  );

  it.each([
    ['end before start', { end: new Date(2026, 1, 1) }, 'Dernier jour', 'avant le premier jour'],
    ['typed as text', { start: '14/02/2026' }, 'Premier jour', '« 14/02/2026 » n’est pas une date'],
  ])('a Calendrier period %s stops the member reminders', (_, change, column, words) => {
    const model = remindable();
    const sheet = model.requireSheet(CALENDAR_SHEET.name);
    for (const [key, value] of Object.entries(change))
      setCell(sheet, CALENDAR_SHEET, (r) => r.label === 'Hiver 2026', key, value);
    const { reminders, digest, journal } = runReminders(model);
    expect(reminders).toHaveLength(0);
    const where = `Feuille « Calendrier », ligne 4, colonne « ${column} »`;
    expect(digest?.body).toContain(fr(where));
    expect(digest?.body).toContain(fr(words));
    expect(journal).toContain(where);
  });

  it('an hour of 25 is refused when the reminders are turned on, naming the cell; no trigger', () => {
    const model = remindable();
    setSettings(model, { 'relances.heure': '25' });
    const world = worldOn(model);
    world.run('toggleDailyRemindersFromMenu');
    expect(world.triggers.triggers).toHaveLength(0);
    const shown = world.ui.dialogs.map((d) => d.message).join('\n');
    expect(shown).toMatch(
      /Feuille « Paramètres », ligne \d+, colonne « Valeur » \(relances\.heure\)/,
    );
    expect(shown).toContain('de 0 à 23');
    expect(runReminders(model).reminders).toHaveLength(0);
  });

  it('départements typed « 54;55;57;88 » are read as 054, 055, 057, 088', () => {
    const model = remindable();
    setSettings(model, { 'groupement.departements': '54;55;57;88' });
    const world = worldOn(model);
    const report = world.run('validateCensus').value as {
      rows: { issues: { code: string }[] }[];
    };
    const codes = report.rows.flatMap((r) => r.issues.map((i) => i.code));
    expect(codes).not.toContain('UAI_DEPARTEMENT');
  });

  it('two addresses in one cell are named as such, not as empty', () => {
    const model = remindable();
    setSettings(model, {
      'transmission.foxit': 'a@foxit.example; b@foxit.example',
    });
    const world = worldOn(model);
    world.run('refreshTrackingFromMenu');
    const shown = world.ui.dialogs.map((d) => d.message).join('\n');
    expect(shown).toContain('contient plusieurs adresses');
    expect(shown).not.toContain('vide');
  });

  it('the import names a bad value in its result, the import and the validation in the Journal', () => {
    const model = remindable();
    setSettings(model, { 'quantite.max': 'beaucoup' });
    const world = worldOn(model);
    const where =
      /Feuille « Paramètres », ligne \d+, colonne « Valeur » \(quantite\.max\) : « beaucoup »/;
    const outcome = world.run<{ lines: string[] }>('importDsCsv', [
      toCsv(exportRows(sampleMembers(2))),
      'dossiers.csv',
    ]).value;
    expect(outcome.lines.join('\n')).toMatch(where);
    world.run('validateCensus');
    const journal = world.spreadsheet
      .requireSheet('Journal')
      .values()
      .map((r) => r.join(' '));
    expect(journal.filter((line) => where.test(line))).toHaveLength(2);
  });

  it('initialise/repair and the refresh name every bad value, in the result and the Journal', () => {
    const model = remindable();
    setSettings(model, { 'delai.adherentJours': '-5', 'quantite.max': 'beaucoup' });
    withRule('interval', 'abc', model);
    const world = worldOn(model);
    world.run('initializeWorkbookFromMenu');
    world.run('refreshTrackingFromMenu');
    const shown = world.ui.dialogs.map((d) => d.message).join('\n');
    const journal = world.spreadsheet
      .requireSheet('Journal')
      .values()
      .map((r) => r.join(' '))
      .join('\n');
    for (const text of [shown, journal]) {
      expect(text).toMatch(
        /Feuille « Paramètres », ligne \d+, colonne « Valeur » \(delai\.adherentJours\) : « -5 »/,
      );
      expect(text).toMatch(/colonne « Valeur » \(quantite\.max\) : « beaucoup »/);
      expect(text).toContain('La valeur par défaut est utilisée.');
      expect(text).toContain(
        'Feuille « Relances », ligne 2, colonne « Intervalle (jours ouvrés) » : « abc »',
      );
    }
  });
});
