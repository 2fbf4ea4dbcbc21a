// Daily reminders through the bundle: a simulated spring, day by day, with weekends, Easter Monday,
// Good Friday in Moselle only, the spring school holidays (paused or not), the maximum count, a
// quota that runs out; the trigger installed once and removed.

import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import { matchHeaders } from '../../src/core/schema';
import { AppsScriptWorld, type CellValue, type SpreadsheetModel } from '../../tools/emulator';
import { setSettings } from '../../tools/sample/workbook';
import { GOOD_MEMBER } from '../helpers/good-member';
import { typeRows } from '../helpers/members';
import { DIST, newWorld } from '../helpers/world';

const MEURTHE = {
  ...GOOD_MEMBER,
  dossier: '1',
  uai: '0540015Y',
  email: 'ce.0540015y@ac-nancy-metz.fr',
  convention: 'En attente',
  signatureDate: '',
};
const MOSELLE = {
  ...MEURTHE,
  dossier: '2',
  uai: '0570001S',
  email: 'ce.0570001s@ac-nancy-metz.fr',
  name: 'Collège de Moselle',
};

/** Members whose convention form was sent on `since`. */
function model(
  members: Record<string, CellValue>[],
  since: Date,
  settings: Record<string, string> = {},
): SpreadsheetModel {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  setSettings(world.spreadsheet, {
    'coordonnateur.email': 'coordination@groupement.example',
    ...settings,
  });
  typeRows(world, members);
  world.run('refreshTrackingFromMenu');
  const sheet = world.spreadsheet.requireSheet('Suivi');
  const { positions } = matchHeaders(TRACKING_SHEET, sheet.values()[0]);
  for (let row = 2; row <= sheet.lastRow(); row++) {
    if (String(sheet.value(row, positions.get('key') as number)).endsWith('|convention')) {
      sheet.cell(row, positions.get('step') as number, true).value = 'Formulaire envoyé';
      sheet.cell(row, positions.get('stepDate') as number, true).value = since;
    }
  }
  return world.spreadsheet;
}

const at = (iso: string) => new Date(`${iso}T06:00:00+02:00`);

/** Runs the spring with the daily trigger on; returns, per day, the UAIs reminded. */
function simulate(
  book: SpreadsheetModel,
  from: string,
  to: string,
  options: { mailQuota?: number } = {},
) {
  const world = new AppsScriptWorld({
    distDir: DIST,
    now: at(from),
    spreadsheet: book.clone(),
    mailQuota: options.mailQuota ?? 100,
  });
  world.open();
  world.clickMenu('Relances quotidiennes : désactivées (activer)');
  const days = new Map<string, string[]>();
  world.advanceTo(new Date(`${to}T23:00:00+02:00`));
  for (const mail of world.outbox) {
    const day = mail.at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    if (!mail.subject.startsWith('Rappel')) continue;
    days.set(day, [...(days.get(day) ?? []), mail.to[0].slice(3, 11).toUpperCase()]);
  }
  return { world, days: Object.fromEntries(days) };
}

describe('daily reminders', () => {
  it('reminds on the right days: Good Friday for Meurthe-et-Moselle only, none on weekends, holidays or in the paused school holidays, three at most', () => {
    const { world, days } = simulate(
      model([MEURTHE, MOSELLE], new Date(2026, 2, 20)),
      '2026-03-20',
      '2026-05-20',
    );
    expect(days).toEqual({
      '2026-04-03': ['0540015Y'], // Good Friday: a working day in Meurthe-et-Moselle only
      '2026-04-07': ['0570001S'], // Easter Monday off for all; Moselle reaches 10 working days on Tuesday
      '2026-04-27': ['0540015Y', '0570001S'], // the school holidays (11-26 April) are paused
      '2026-05-05': ['0540015Y', '0570001S'], // 1 May off; then the maximum of 3 is reached
    });
    const digests = world.outbox.filter((m) => m.subject.includes('récapitulatif'));
    const digestDays = digests.map((m) =>
      m.at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }),
    );
    expect(new Set(digestDays).size).toBe(digestDays.length);
    expect(digestDays).not.toContain('2026-04-06');
    expect(digestDays).not.toContain('2026-04-04');
    expect(digests[0].to).toEqual(['coordination@groupement.example']);
    expect(digests.find((m) => m.at.toISOString().startsWith('2026-04-03'))?.body).toContain(
      '1 envoyée aujourd’hui',
    );
    const counts = world.spreadsheet
      .requireSheet('Suivi')
      .values()
      .filter((r) => String(r[0]).endsWith('|convention'));
    expect(counts.map((r) => r.slice(-3, -1))).toEqual([
      ['convention', 3],
      ['convention', 3],
    ]);
  });

  it('keeps reminding during school holidays when the pause is off', () => {
    const { days } = simulate(
      model([MEURTHE], new Date(2026, 2, 20), { 'relances.pauseVacances': 'Non' }),
      '2026-03-20',
      '2026-04-30',
    );
    expect(Object.keys(days)).toEqual(['2026-04-03', '2026-04-13', '2026-04-20']);
  });

  it('sends what the quota allows and the rest the next day, never twice', () => {
    const members = Array.from({ length: 6 }, (_, i) => {
      const first7 = `054${String(2000 + i).padStart(4, '0')}`;
      const uai = first7 + 'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(first7) % 23];
      return {
        ...MEURTHE,
        dossier: String(10 + i),
        uai,
        email: `ce.${uai.toLowerCase()}@ac-nancy-metz.fr`,
      };
    });
    const { world, days } = simulate(
      model(members, new Date(2026, 2, 2)),
      '2026-03-13',
      '2026-03-17',
      { mailQuota: 4 },
    );
    expect(days['2026-03-16']).toHaveLength(4);
    expect(days['2026-03-17']).toHaveLength(2);
    const reminded = world.outbox.filter((m) => m.subject.startsWith('Rappel')).map((m) => m.to[0]);
    expect(new Set(reminded).size).toBe(6);
    const first = world.outbox.filter(
      (m) => m.subject.includes('récapitulatif') && m.at.toISOString().startsWith('2026-03-16'),
    );
    expect(first).toHaveLength(0); // the quota was used up by the reminders: the digest waits too
  });

  it('a second run the same day sends nothing new', () => {
    const world = new AppsScriptWorld({
      distDir: DIST,
      now: at('2026-03-16'),
      spreadsheet: model([MEURTHE], new Date(2026, 2, 2)).clone(),
    });
    world.run('toggleDailyRemindersFromMenu');
    world.run('dailyReminders');
    const after = world.outbox.length;
    expect(after).toBe(2);
    world.run('dailyReminders');
    expect(world.outbox).toHaveLength(after);
  });

  it('installs one trigger however often it is turned on, and removes it when turned off', () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    world.open();
    world.clickMenu('Relances quotidiennes : désactivées (activer)');
    expect(world.ui.lastDialog()?.message).toContain(
      'Relances quotidiennes activées : chaque jour ouvré vers 7 h (heure de Paris).',
    );
    expect(
      world.ui.menus
        .get("Groupement d'achats")
        ?.some(
          (i) =>
            i.caption ===
            'Relances quotidiennes : activées par coordination@example.fr (désactiver)',
        ),
    ).toBe(true);
    world.run('toggleDailyRemindersFromMenu');
    world.run('toggleDailyRemindersFromMenu');
    expect(world.triggers.triggers.filter((t) => t.handler === 'dailyReminders')).toHaveLength(1);
    expect(new Date(world.triggers.triggers[0].nextAt as number).toISOString()).toBe(
      '2026-03-03T06:00:00.000Z',
    );
    world.clickMenu('Relances quotidiennes : activées par coordination@example.fr (désactiver)');
    expect(world.triggers.triggers).toHaveLength(0);
    world.open();
    expect(
      world.ui.menus
        .get("Groupement d'achats")
        ?.some((i) => i.caption === 'Relances quotidiennes : désactivées (activer)'),
    ).toBe(true);
  });
});
