// Daily reminders (time-driven trigger): computes in the core which reminders are due today, sends
// them through the ledger (at most once, within the quota), counts them on the "Suivi" rows, then
// sends the coordinator one digest. Running it again the same day sends nothing new.

import type { Campaign } from '../core/campaigns';
import { dayKey, isWorkingDay } from '../core/calendar';
import { LEDGER_SHEET, MAIL_STATUS } from '../core/ledger';
import { CALENDAR_SHEET, dueMemberReminders, holidaysFrom } from '../core/reminders';
import { rawText } from '../core/text';
import { TRACKING_SHEET } from '../core/tracking';
import { Journal } from '../gas/journal';
import { readTable, SheetError, updateCells, writeColumns } from '../gas/table';
import { loadMergeData, planCampaign, sendPlanned } from './merge';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const REMINDERS_HANDLER = 'dailyReminders';
export const REMINDERS_PROPERTY = 'relances.actives';
const REMINDERS_PREFIX = 'Relances ';
const LOCK_WAIT_MS = 30_000;

export const REMINDERS_TEXT = {
  title: 'Relances quotidiennes',
  on: (hour: number) =>
    `Relances quotidiennes activées : chaque jour ouvré vers ${hour} h (heure de Paris).`,
  off: 'Relances quotidiennes désactivées.',
  dayOff: (day: string) => `Pas de relance le ${day} (week-end ou jour férié).`,
  busy: 'Une autre opération occupe le classeur : les relances du jour sont passées au prochain déclenchement.',
  journal: 'Relances quotidiennes',
} as const;

/**
 * Counts each sent reminder on its "Suivi" row, once: the ledger row is then marked, so a reminder
 * sent late (it waited for the quota) is counted too, and none twice.
 */
function countSent(spreadsheet: Spreadsheet): number {
  const ledger = readTable(spreadsheet, LEDGER_SHEET);
  const due = ledger.rows.filter(
    (r) =>
      rawText(r.cells.campaign).startsWith(REMINDERS_PREFIX) &&
      rawText(r.cells.status) === MAIL_STATUS.sent &&
      rawText(r.cells.effect) === '',
  );
  if (due.length === 0) return 0;
  const tracking = readTable(spreadsheet, TRACKING_SHEET);
  const rows = new Map(tracking.rows.map((r) => [rawText(r.cells.key), r]));
  const state = new Map<number, { rule: string; count: number; last: Date }>();
  for (const entry of due) {
    const row = rows.get(rawText(entry.cells.memberKey));
    if (!row) continue;
    const rule = rawText(entry.cells.content);
    const current = state.get(row.row) ?? {
      rule: rawText(row.cells.reminderRule),
      count: typeof row.cells.reminderCount === 'number' ? row.cells.reminderCount : 0,
      last: row.cells.reminderLast as Date,
    };
    const when = entry.cells.time instanceof Date ? entry.cells.time : new Date();
    state.set(row.row, {
      rule,
      count: current.rule === rule ? current.count + 1 : 1,
      last: new Date(when.getFullYear(), when.getMonth(), when.getDate()),
    });
  }
  updateCells(
    tracking,
    [...state].flatMap(([row, s]) => [
      { row, key: 'reminderRule', value: s.rule },
      { row, key: 'reminderCount', value: s.count },
      { row, key: 'reminderLast', value: s.last },
    ]),
  );
  const counted = new Set(due.map((r) => r.row));
  writeColumns(ledger, {
    effect: ledger.rows.map((r) => (counted.has(r.row) ? 'oui' : r.cells.effect)),
  });
  return due.length;
}

export function runDailyReminders(spreadsheet: Spreadsheet): string[] {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new SheetError(REMINDERS_TEXT.busy);
  try {
    const now = new Date();
    const day = dayKey(now);
    if (!isWorkingDay(now)) return [REMINDERS_TEXT.dayOff(day.split('-').reverse().join('/'))];
    countSent(spreadsheet); // reminders sent since the last run (a merge that waited for the quota)
    const data = loadMergeData(spreadsheet);
    // A reminder still waiting in the ledger goes first: never a second one for the same row.
    const waiting = new Set(
      (data.ledger ?? [])
        .filter(
          (r) =>
            rawText(r.campaign).startsWith(REMINDERS_PREFIX) &&
            [MAIL_STATUS.planned, MAIL_STATUS.sending].includes(rawText(r.status) as never),
        )
        .map((r) => rawText(r.memberKey)),
    );
    const calendar = spreadsheet.getSheetByName(CALENDAR_SHEET.name)
      ? readTable(spreadsheet, CALENDAR_SHEET).rows.map((r) => r.cells)
      : [];
    const policy = {
      schoolHolidays: holidaysFrom(calendar),
      pauseOnSchoolHolidays: data.settings.get('relances.pauseVacances') === true,
    };
    const due = dueMemberReminders(data.rules ?? [], data.tracking, now, policy).filter(
      (d) => !waiting.has(d.key),
    );
    const reminders: Campaign = { id: `${REMINDERS_PREFIX}${day}`, kind: 'reminders', day };
    const dueKeys = new Map(due.map((d) => [d.key, d.rule.id]));
    const planned = planCampaign(spreadsheet, reminders, data, (m) => dueKeys.has(m.memberKey));
    // The digest is planned after the reminders, so it leaves last (or waits with them).
    planCampaign(spreadsheet, { id: `Récapitulatif ${day}`, kind: 'digest', day }, data);
    const merge = sendPlanned(spreadsheet, data);
    const counted = countSent(spreadsheet);
    const lines = [
      `${planned.messages} relance(s) prévue(s) aujourd’hui, ${counted} comptée(s) dans le Suivi.`,
      ...merge.lines,
    ];
    const journal = new Journal();
    journal.add(REMINDERS_TEXT.journal, lines.join(' '), counted);
    journal.flush(spreadsheet);
    return lines;
  } finally {
    lock.releaseLock();
  }
}

export function remindersEnabled(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(REMINDERS_PROPERTY) === 'oui';
}

/** Turns the daily trigger on (exactly one, at the hour of Paramètres) or off. */
export function setDailyReminders(enabled: boolean, hour: number): string {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === REMINDERS_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  const properties = PropertiesService.getDocumentProperties();
  if (!enabled) {
    properties.deleteProperty(REMINDERS_PROPERTY);
    return REMINDERS_TEXT.off;
  }
  ScriptApp.newTrigger(REMINDERS_HANDLER)
    .timeBased()
    .everyDays(1)
    .atHour(hour)
    .inTimezone('Europe/Paris')
    .create();
  properties.setProperty(REMINDERS_PROPERTY, 'oui');
  return REMINDERS_TEXT.on(hour);
}
