// The sample workbook: an initialised spreadsheet whose members sheet holds the fictional schools,
// as a coordinator would have it after entering the census.

import { SETTINGS_SHEET } from '../../src/core/workbook/settings';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { stepsFor } from '../../src/core/tracking';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import { pathByLabel } from '../../src/core/catalogue';
import { formatDateFr } from '../../src/core/text';
import { SeededRandom } from './random';
import { matchHeaders } from '../../src/core/schema';
import { AppsScriptWorld, wallClock, type SpreadsheetModel } from '../emulator';
import { type SampleMember, sampleMembers } from './members';

export function memberCells(member: SampleMember): Record<string, string | number | Date> {
  const cells: Record<string, string | number | Date> = {
    dossier: String(member.dossier),
    uai: member.uai,
    name: member.name,
    commune: member.commune,
    status: member.status,
    email: member.email,
    dsState: member.dsState,
    depositDate: member.depositDate,
    convention: member.convention,
    signatureDate: member.signatureDate,
    signerPhone: member.signerPhone,
    wave: member.wave,
    comment: member.comment,
  };
  for (const [service, quantity] of Object.entries(member.quantities))
    cells[`qty_${service}`] = quantity;
  return cells;
}

/** Types the members into the members sheet, below its header, as the coordinator would. */
export function typeMembers(model: SpreadsheetModel, members: readonly SampleMember[]): void {
  const sheet = model.requireSheet(MEMBERS_SHEET.name);
  const header = sheet.values()[0] ?? [];
  const { positions } = matchHeaders(MEMBERS_SHEET, header);
  const first = sheet.lastRow() + 1;
  if (first + members.length > sheet.maxRows) sheet.maxRows = first + members.length;
  members.forEach((member, i) => {
    for (const [key, value] of Object.entries(memberCells(member))) {
      const column = positions.get(key);
      if (column !== undefined && value !== '') sheet.cell(first + i, column, true).value = value;
    }
  });
}

/** Types values into the "Valeur" column of Paramètres, found by key. */
export function setSettings(
  model: SpreadsheetModel,
  values: Readonly<Record<string, string>>,
): void {
  const sheet = model.requireSheet(SETTINGS_SHEET.name);
  const rows = sheet.values();
  for (const [key, value] of Object.entries(values)) {
    const row = rows.findIndex((r) => r[0] === key) + 1;
    if (row === 0) throw new Error(`No setting ${key}`);
    sheet.cell(row, 3, true).value = value;
  }
}

/**
 * Moves the tracking rows along their paths as a coordinator would have typed it over the months:
 * each row reaches a random step, one step every 5 to 30 days from the first date (same time of
 * day in Paris), and no step after `until` (the sample's today).
 */
export function typeProgress(model: SpreadsheetModel, from: Date, seed = 7, until?: Date): void {
  const sheet = model.requireSheet(TRACKING_SHEET.name);
  const header = sheet.values()[0] ?? [];
  const { positions } = matchHeaders(TRACKING_SHEET, header);
  const col = (key: string): number => positions.get(key) as number;
  const random = new SeededRandom(seed);
  const start = wallClock.parts(from, 'Europe/Paris');
  for (let row = 2; row <= sheet.lastRow(); row++) {
    const path = pathByLabel(String(sheet.value(row, col('service'))));
    if (!path) continue;
    const steps = stepsFor(path.service, sheet.value(row, col('schoolStatus')));
    const current = steps.findIndex((step) => step.label === sheet.value(row, col('step')));
    let target = Math.min(steps.length - 1, current + random.int(0, steps.length));
    let days = 0;
    let date = from;
    const history = [String(sheet.value(row, col('history')))];
    for (let i = current + 1; i <= target; i++) {
      days += random.int(5, 30);
      const next = wallClock.toInstant({ ...start, day: start.day + days }, 'Europe/Paris');
      if (until && next.getTime() > until.getTime()) {
        target = i - 1;
        break;
      }
      date = next;
      history.push(`${formatDateFr(date)} : ${steps[i].label}`);
    }
    if (target === current) continue;
    sheet.cell(row, col('step'), true).value = steps[target].label;
    sheet.cell(row, col('stepDate'), true).value = date;
    sheet.cell(row, col('history'), true).value = history.join('\n');
  }
}

/**
 * A new spreadsheet initialised by the built bundle, holding sample members (by default the first
 * 56 of the 60 fictional schools; the sample export brings the others) and their activation
 * progress since October 2025.
 */
/** The sample's own "today": its run is always dated 2 March 2026, whatever the real date. */
export const SAMPLE_TODAY = { year: 2026, month: 3, day: 2 } as const;

export function sampleWorkbook(distDir: string, count = 56, seed = 2025): SpreadsheetModel {
  const start = new Date('2025-10-06T08:00:00+02:00');
  const world = new AppsScriptWorld({ distDir, now: start });
  world.run('initializeWorkbookFromMenu');
  typeMembers(world.spreadsheet, sampleMembers(60, seed).slice(0, count));
  setSettings(world.spreadsheet, {
    'coordonnateur.email': 'coordination@groupement.example',
    'transmission.kercia': 'soumissionnement@kercia.example',
    'transmission.foxit': 'education@foxit.example',
    'transmission.yousign': 'marches-publics@yousign.example',
  });
  world.run('refreshTrackingFromMenu');
  const today = wallClock.toInstant(
    { ...SAMPLE_TODAY, hour: 8, minute: 0, second: 0 },
    'Europe/Paris',
  );
  typeProgress(world.spreadsheet, start, 7, today);
  world.spreadsheet.name = 'Exemple – groupement d’achats';
  return world.spreadsheet;
}
