// Daily reminders: the rules (sheet "Relances"), the school calendar (sheet "Calendrier", zone B),
// and which reminders are due on a day: only when the delay has passed, never twice the same day,
// never on a day off for that school, never beyond the maximum.

import {
  addWorkingDays,
  type DayRange,
  dayKey,
  isMoselle,
  isWorkingDay,
  startOfDay,
  workingDaysBetween,
} from './calendar';
import type { CellValue } from './schema';
import { isHoursDelay, PATHS, stepDeadline, type TrackedService } from './catalogue';
import type { Settings } from './settings';
import { cellText, formatDateFr, normalizeKey, rawText } from './text';
import { findStep, isDropped, stepsFor } from './tracking';

export interface ReminderRule {
  readonly id: string;
  readonly label: string;
  /** 'adhérent': a message to the member; 'coordonnateur': a line of the coordinator's digest. */
  readonly audience: string;
  readonly service: string;
  readonly step: string;
  readonly delay: number;
  readonly interval: number;
  readonly max: number;
  readonly template: string;
  readonly active: boolean;
}

export function ruleFrom(cells: Readonly<Record<string, CellValue>>): ReminderRule {
  const int = (v: CellValue, fallback: number): number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
  return {
    id: rawText(cells.id).trim(),
    label: rawText(cells.label),
    audience: rawText(cells.audience).trim(),
    service: rawText(cells.service).trim(),
    step: rawText(cells.step).trim(),
    delay: int(cells.delay, 10),
    interval: int(cells.interval, 5),
    max: int(cells.max, 1),
    template: rawText(cells.template).trim(),
    active: normalizeKey(cellText(cells.active)) !== 'non',
  };
}

export interface ReminderState {
  readonly rule: string;
  readonly count: number;
  readonly last: Date | undefined;
}

/** The reminder columns of a tracking row: the rule they count for, the count, the last day. */
export function reminderState(cells: Readonly<Record<string, CellValue>>): ReminderState {
  return {
    rule: rawText(cells.reminderRule),
    count: typeof cells.reminderCount === 'number' ? cells.reminderCount : 0,
    last: cells.reminderLast instanceof Date ? cells.reminderLast : undefined,
  };
}

export interface CalendarPolicy {
  readonly schoolHolidays: readonly DayRange[];
  readonly pauseOnSchoolHolidays: boolean;
}

/** Is `today` a day this school may be reminded on? */
export function mayRemind(uai: string, today: Date, policy: CalendarPolicy): boolean {
  return isWorkingDay(today, {
    moselle: isMoselle(uai),
    schoolHolidays: policy.pauseOnSchoolHolidays ? policy.schoolHolidays : [],
  });
}

/**
 * Is the reminder of `rule` due on `today` for a row that reached its step on `since`? The delay
 * and interval count working days of that school; a row is reminded at most once a day and `max`
 * times for the rule (the count starts again when the row moves to another rule's step).
 */
export function isDue(
  rule: ReminderRule,
  since: Date,
  state: ReminderState,
  uai: string,
  today: Date,
  policy: CalendarPolicy,
): boolean {
  if (!mayRemind(uai, today, policy)) return false;
  const options = { moselle: isMoselle(uai) };
  if (workingDaysBetween(since, today, options) < rule.delay) return false;
  const ours = state.rule === rule.id;
  const count = ours ? state.count : 0;
  if (count >= rule.max) return false;
  if (ours && state.last) {
    if (dayKey(state.last) === dayKey(today)) return false;
    if (addWorkingDays(state.last, rule.interval, options).getTime() > startOfDay(today).getTime())
      return false;
  }
  return true;
}

export interface DueReminder {
  readonly rule: ReminderRule;
  readonly key: string;
  readonly uai: string;
  readonly service: string;
}

/** Member reminders due today from the tracking rows. */
export function dueMemberReminders(
  rules: readonly ReminderRule[],
  tracking: readonly Readonly<Record<string, CellValue>>[],
  today: Date,
  policy: CalendarPolicy,
): DueReminder[] {
  const due: DueReminder[] = [];
  for (const row of tracking) {
    if (isDropped(row.subscription) || !(row.stepDate instanceof Date)) continue;
    const rule = rules.find(
      (r) =>
        r.active &&
        r.audience === 'adhérent' &&
        normalizeKey(r.service) === normalizeKey(rawText(row.service)) &&
        normalizeKey(r.step) === normalizeKey(rawText(row.step)),
    );
    if (!rule) continue;
    const uai = rawText(row.uai);
    if (isDue(rule, row.stepDate, reminderState(row), uai, today, policy)) {
      due.push({ rule, key: rawText(row.key), uai, service: rawText(row.key).split('|')[1] });
    }
  }
  return due;
}

/** When a tracking row's step has a delay in hours, the day those hours end. */
function hoursDeadline(
  row: Readonly<Record<string, CellValue>>,
  settings: Settings | undefined,
): { end: Date; hours: number } | undefined {
  const service = rawText(row.key).split('|')[1];
  if (!settings || !(row.stepDate instanceof Date) || !PATHS.some((p) => p.service === service))
    return undefined;
  const steps = stepsFor(service as TrackedService, row.schoolStatus);
  const step = steps[findStep(steps, row.step)];
  if (!step || !isHoursDelay(step)) return undefined;
  const end = step.delay && stepDeadline(step, row.stepDate, settings);
  return end ? { end, hours: settings.get(step.delay) } : undefined;
}

/** Lines of the coordinator's digest for the coordinator's own rules. */
export function coordinatorItems(
  rules: readonly ReminderRule[],
  data: {
    readonly tracking: readonly Readonly<Record<string, CellValue>>[];
    readonly members: readonly Readonly<Record<string, CellValue>>[];
    readonly requests: readonly Readonly<Record<string, CellValue>>[];
    readonly settings?: Settings;
  },
  today: Date,
): { rule: ReminderRule; items: string[] }[] {
  const out: { rule: ReminderRule; items: string[] }[] = [];
  for (const rule of rules.filter((r) => r.active && r.audience === 'coordonnateur')) {
    const items: string[] = [];
    const old = (since: CellValue, uai: string): number | undefined => {
      if (!(since instanceof Date)) return undefined;
      const days = workingDaysBetween(since, today, { moselle: isMoselle(uai) });
      return days >= rule.delay ? days : undefined;
    };
    const service = normalizeKey(rule.service);
    if (service === 'recensement') {
      for (const m of data.members) {
        const days =
          normalizeKey(rawText(m.dsState)) === normalizeKey(rule.step)
            ? old(m.depositDate, rawText(m.uai))
            : undefined;
        if (days !== undefined)
          items.push(
            `${rawText(m.uai)} ${rawText(m.name)} : « ${rawText(m.dsState)} » depuis ${days} jours ouvrés.`,
          );
      }
    } else if (service === 'demandes') {
      for (const r of data.requests) {
        const days =
          normalizeKey(rawText(r.status)) === normalizeKey(rule.step)
            ? old(r.date, rawText(r.uai))
            : undefined;
        if (days !== undefined)
          items.push(
            `${rawText(r.uai)} : « ${rawText(r.subject)} », sans réponse depuis ${days} jours ouvrés.`,
          );
      }
    } else {
      for (const t of data.tracking) {
        if (
          isDropped(t.subscription) ||
          normalizeKey(rawText(t.service)) !== service ||
          normalizeKey(rawText(t.step)) !== normalizeKey(rule.step)
        )
          continue;
        const hours = hoursDeadline(t, data.settings);
        if (hours) {
          // Counted in hours (Certigna's 72 hours): the rule's delay starts when they end.
          const days = old(hours.end, rawText(t.uai));
          if (days !== undefined && dayKey(today) > dayKey(hours.end))
            items.push(
              `${rawText(t.uai)} ${rawText(t.name)} : « ${rawText(t.step)} » le ${formatDateFr(t.stepDate as Date)} ; les ${hours.hours} heures ont pris fin le ${formatDateFr(hours.end)}.`,
            );
          continue;
        }
        const days = old(t.stepDate, rawText(t.uai));
        if (days !== undefined)
          items.push(
            `${rawText(t.uai)} ${rawText(t.name)} : « ${rawText(t.step)} » depuis ${days} jours ouvrés.`,
          );
      }
    }
    if (items.length > 0) out.push({ rule, items });
  }
  return out;
}
