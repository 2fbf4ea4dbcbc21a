// What sent messages do to the « Suivi », read from their « Envois » rows: a transmission moves its
// schools from « À transmettre » on, instructions that complete a step (the convention form) move
// that row on, a reminder is counted on its row. Each effect is applied once (the ledger row is then
// marked); test messages do nothing.

import { dayKey } from './calendar';
import { PATHS, type TrackedService } from './catalogue';
import { MAIL_STATUS, mailStatusOf, type MessageRef } from './ledger';
import { type LedgerMessage, ledgerMessage } from './messages';
import type { CellValue } from './schema';
import { formatDateFr, rawText } from './text';
import { appendHistory, findStep, stepsFor } from './tracking';

type Cells = Readonly<Record<string, CellValue>>;

/** The day of a reminder's identity (YYYY-MM-DD); undefined when it is not one (edited by hand). */
function dayOf(key: string): Date | undefined {
  const [y, m, d] = key.split('-').map(Number);
  const day = new Date(y, m - 1, d);
  return Number.isNaN(day.getTime()) || dayKey(day) !== key ? undefined : day;
}

/**
 * Whether a sent message changes the Suivi: transmissions, reminders (whose identity names a day),
 * step-completing instructions.
 */
function hasEffect(message: MessageRef): boolean {
  if (message.kind === 'transmission') return true;
  if (message.kind === 'reminder') return dayOf(message.day) !== undefined;
  if (message.kind !== 'instructions') return false;
  const path = PATHS.find((p) => p.service === message.service);
  return (['Public', 'Privé', ''] as const).some((status) =>
    path?.steps(status).some((s) => s.id === message.step && s.completedBy === 'instructions'),
  );
}

/** The ledger rows of real messages sent whose effect on the Suivi is still to apply. */
export function pendingEffects(
  rows: readonly { readonly cells: Cells }[],
): { readonly id: string; readonly message: LedgerMessage }[] {
  return rows.flatMap(({ cells }) => {
    if (mailStatusOf(cells.status) !== MAIL_STATUS.sent || rawText(cells.effect) !== '') return [];
    const message = ledgerMessage(cells);
    return message && !message.test && hasEffect(message)
      ? [{ id: rawText(cells.id).trim(), message }]
      : [];
  });
}

/** The Suivi columns effects write. */
const EFFECT_KEYS = [
  'step',
  'stepDate',
  'history',
  'reminderRule',
  'reminderCount',
  'reminderLast',
];

/**
 * The Suivi cells that `messages` change on `day`, only those that change (so a column left unread
 * is never compared), and the number of rows moved to another step: only those change what the
 * refresh computes (a reminder's count changes no status, no next action, nothing the dashboard
 * shows). `rows` holds what effects read: key, UAI, public/private status, step, and the reminder
 * cells; the history too when a message moves a step.
 */
export function trackingEffects(
  messages: readonly LedgerMessage[],
  rows: readonly { readonly row: number; readonly cells: Cells }[],
  day: Date,
): { updates: { row: number; key: string; value: CellValue }[]; moved: number } {
  const current = new Map(rows.map((r) => [r.row, { ...r.cells }]));
  const changed = new Set<number>();
  const moved = new Set<number>();
  // The rows of each (UAI, service), found once: a transmission lists hundreds of schools.
  const byMember = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    const at = `${rawText(r.cells.uai).trim().toUpperCase()}|${rawText(r.cells.key).split('|')[1]}`;
    const list = byMember.get(at);
    if (list) list.push(r);
    else byMember.set(at, [r]);
  }
  const rowsOf = (uai: string, service: string) => byMember.get(`${uai}|${service}`) ?? [];
  const advance = (row: number, from: number): void => {
    const cells = current.get(row) as Record<string, CellValue>;
    const service = rawText(cells.key).split('|')[1] as TrackedService;
    const steps = stepsFor(service, cells.schoolStatus);
    if (findStep(steps, cells.step) !== from || !steps[from].completedBy) return;
    const line = `${formatDateFr(day)} : ${steps[from + 1].label}`;
    cells.step = steps[from + 1].label;
    cells.stepDate = day;
    cells.history = appendHistory(rawText(cells.history), line);
    changed.add(row);
    moved.add(row);
  };
  for (const message of messages) {
    if (message.kind === 'transmission') {
      for (const uai of message.listedUais)
        for (const r of rowsOf(uai, message.service)) advance(r.row, 0);
    } else if (message.kind === 'instructions') {
      for (const r of rowsOf(message.uai, message.service)) {
        const steps = stepsFor(message.service as TrackedService, r.cells.schoolStatus);
        const at = steps.findIndex((s) => s.id === message.step);
        if (at >= 0 && steps[at].completedBy === 'instructions') advance(r.row, at);
      }
    } else if (message.kind === 'reminder') {
      const sentOn = dayOf(message.day);
      if (!sentOn) continue;
      for (const r of rowsOf(message.uai, message.service)) {
        const cells = current.get(r.row) as Record<string, CellValue>;
        const ours = rawText(cells.reminderRule) === message.rule;
        // Already counted (a run died between the Suivi write and the ledger mark): not twice.
        if (
          ours &&
          cells.reminderLast instanceof Date &&
          dayKey(cells.reminderLast) === message.day
        )
          continue;
        const count = typeof cells.reminderCount === 'number' ? cells.reminderCount : 0;
        cells.reminderRule = message.rule;
        cells.reminderCount = ours ? count + 1 : 1;
        cells.reminderLast = sentOn;
        changed.add(r.row);
      }
    }
  }
  const before = new Map(rows.map((r) => [r.row, r.cells]));
  const updates = [...changed].flatMap((row) => {
    const was = before.get(row) as Cells;
    const now = current.get(row) as Record<string, CellValue>;
    return EFFECT_KEYS.filter((k) => was[k] !== now[k]).map((key) => ({
      row,
      key,
      value: now[key],
    }));
  });
  return { updates, moved: moved.size };
}
