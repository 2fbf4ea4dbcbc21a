import {
  checkCalendar,
  checkRules,
  checkSettings,
  describeProblem,
} from '../../src/core/config-check';
import { parseSetting, settingSpec } from '../../src/core/settings';

const rule = (changes: Record<string, unknown> = {}) => ({
  id: 'r',
  label: 'Règle',
  audience: 'adhérent',
  service: 'Convention',
  step: 'Formulaire envoyé',
  delay: 10,
  interval: 5,
  max: 3,
  template: 'relance-convention',
  active: 'Oui',
  ...changes,
});

describe('configuration check', () => {
  it('normalises départements to three digits, with ; or ,', () => {
    expect(parseSetting(settingSpec('groupement.departements'), '54;55, 057;88')).toEqual({
      value: ['054', '055', '057', '088'],
    });
    expect(parseSetting(settingSpec('groupement.departements'), '54 55')).toHaveProperty('problem');
  });

  it('keeps the hour between 0 and 23, and one address per cell', () => {
    expect(parseSetting(settingSpec('relances.heure'), '23')).toEqual({ value: 23 });
    expect(parseSetting(settingSpec('relances.heure'), '25')).toHaveProperty('problem');
    expect(parseSetting(settingSpec('transmission.foxit'), 'a@b.fr, c@d.fr')).toEqual({
      problem: expect.stringContaining('plusieurs adresses'),
    });
  });

  it('locates setting problems and says what they stop', () => {
    const { problems } = checkSettings([
      { row: 5, cells: { key: 'relances.heure', value: '25' } },
      { row: 6, cells: { key: 'quantite.max', value: 'beaucoup' } },
    ]);
    expect(problems.map((p) => [p.row, p.effect])).toEqual([
      [5, 'reminders'],
      [6, 'warning'],
    ]);
    expect(describeProblem(problems[1])).toContain(
      'Feuille « Paramètres », ligne 6, colonne « Valeur » (quantite.max) : « beaucoup »',
    );
  });

  it('accepts an audience with a capital, refuses text numbers, skips blank and inactive rows', () => {
    const { rules, problems } = checkRules([
      { row: 2, cells: rule({ audience: 'Adhérent' }) },
      { row: 3, cells: rule({ id: 's', delay: '5' }) },
      { row: 4, cells: Object.fromEntries(Object.keys(rule()).map((k) => [k, ''])) },
      { row: 5, cells: rule({ id: 't', delay: 'abc', active: 'Non' }) },
    ]);
    expect(rules.map((r) => [r.id, r.audience])).toEqual([['r', 'adhérent']]);
    expect(problems).toHaveLength(1);
    expect(describeProblem(problems[0])).toContain(
      'Feuille « Relances », ligne 3, colonne « Délai (jours ouvrés) » : « 5 » est écrit comme du texte',
    );
  });

  it('refuses a period ending before it starts or typed as text', () => {
    const { holidays, problems } = checkCalendar(
      [
        { row: 2, cells: { label: 'A', start: new Date(2026, 1, 14), end: new Date(2026, 2, 1) } },
        { row: 3, cells: { label: 'B', start: new Date(2026, 3, 26), end: new Date(2026, 3, 11) } },
        { row: 4, cells: { label: 'C', start: '11/04/2026', end: new Date(2026, 3, 26) } },
      ],
      'reminders',
    );
    expect(holidays.map((h) => h.label)).toEqual(['A']);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'Dernier jour'],
      [4, 'Premier jour'],
    ]);
  });
});
