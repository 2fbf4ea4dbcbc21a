// Daily reminders (time-driven trigger): computes in the core which reminders are due today, sends
// them through the ledger (at most once, within the quota), counts them on the "Suivi" rows, then
// sends the coordinator one digest. Running it again the same day sends nothing new.

import { dayKey, isWorkingDay } from '../core/calendar';
import { dueMemberReminders } from '../core/reminders';
import { Journal } from '../gas/journal';
import { WorkbookBusyError, withDocumentLock } from '../gas/lock';
import { syncBeforeReminders, syncForDailyRun } from './ds-sync';
import { UserError } from '../core/errors';
import { plural } from '../core/text';
import { appendPlanned, buildDigest, loadMergeData, planWith, sendPlanned } from './merge';
import { applyEffects } from './sent-effects';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const REMINDERS_HANDLER = 'dailyReminders';
/** One-off retry of the day's run when the workbook was busy (its own handler: never the daily one). */
export const REMINDERS_RETRY_HANDLER = 'dailyRemindersRetry';
const RETRY_AFTER_MS = 10 * 60 * 1000;
export const REMINDERS_PROPERTY = 'relances.actives';
/** Who created the daily trigger: triggers belong to their creator, invisible to other editors. */
export const REMINDERS_OWNER_PROPERTY = 'relances.proprietaire';
const LOCK_WAIT_MS = 30_000;

export const REMINDERS_TEXT = {
  title: 'Relances quotidiennes',
  on: (hour: number) =>
    `Relances quotidiennes activées : chaque jour ouvré vers ${hour} h (heure de Paris). Le déclencheur appartient à votre compte : vous seul pouvez le voir dans Apps Script.`,
  off: 'Relances quotidiennes désactivées.',
  offByOther: (owner: string) =>
    `Relances quotidiennes désactivées. Le déclencheur appartient à ${owner} : il s’arrêtera de lui-même à son prochain passage, sans rien envoyer.`,
  dayOff: (day: string) => `Pas de relance le ${day} (week-end ou jour férié).`,
  busy: 'Une autre opération occupe le classeur : les relances du jour réessaient dans dix minutes.',
  stopped: 'Relances désactivées ou reprises par un autre compte : ce déclencheur est supprimé.',
  journal: 'Relances quotidiennes',
  blocked:
    'Aucune relance aux adhérents aujourd’hui : la configuration des relances contient des valeurs invalides.',
  hourProblem: 'Relances quotidiennes non activées : un paramètre des relances est invalide.',
  failed: (message: string) => `Les relances du jour n’ont pas pu être préparées : ${message}`,
} as const;

const currentUser = (): string => Session.getEffectiveUser().getEmail();

function deleteOwnDailyTriggers(): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === REMINDERS_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
}

/**
 * The day's reminders and digest. `fromTrigger`: started by a daily trigger, which must stop (and
 * delete itself) when the reminders were turned off or taken over by another editor.
 */
export function runDailyReminders(spreadsheet: Spreadsheet, fromTrigger = false): string[] {
  const properties = PropertiesService.getDocumentProperties();
  const owner = properties.getProperty(REMINDERS_OWNER_PROPERTY);
  const stale =
    properties.getProperty(REMINDERS_PROPERTY) !== 'oui' || (owner && owner !== currentUser());
  if (fromTrigger && stale) {
    // Turned off, or taken over by another editor: this user's trigger must not run any more.
    deleteOwnDailyTriggers();
    return [REMINDERS_TEXT.stopped];
  }
  return withDocumentLock(() => remindersOfTheDay(spreadsheet), {
    waitMs: LOCK_WAIT_MS,
    // The day's run never disappears: it comes back once the other operation is over.
    whenBusy: () => {
      ScriptApp.newTrigger(REMINDERS_RETRY_HANDLER).timeBased().after(RETRY_AFTER_MS).create();
      throw new WorkbookBusyError(REMINDERS_TEXT.busy);
    },
  });
}

function remindersOfTheDay(spreadsheet: Spreadsheet): string[] {
  const now = new Date();
  const day = dayKey(now);
  if (!isWorkingDay(now)) return [REMINDERS_TEXT.dayOff(day.split('-').reverse().join('/'))];
  // The census first, when the coordinator asked for it: reminders work on the current dossiers.
  const synced = syncBeforeReminders() ? [syncForDailyRun(spreadsheet)] : [];
  // Reminders sent since the last run are counted before planning.
  const effectsApplied = applyEffects(spreadsheet);
  const data = loadMergeData(spreadsheet);
  if (data.senderProblems.length > 0) {
    // Nothing can be sent right (test mode, coordinator or reply-to unknown): say so, send nothing.
    const journal = new Journal();
    journal.add(REMINDERS_TEXT.journal, data.senderProblems.join(' '));
    journal.flush(spreadsheet);
    throw new UserError(data.senderProblems.join('\n'));
  }
  // Each rule on its own: a broken rule or template is reported in the digest, the others go.
  const notes: string[] = [
    ...synced,
    ...data.mailProblems.filter((p) => !data.senderProblems.includes(p)),
  ];
  let planned = 0;
  try {
    if (data.reminderProblems.length > 0) {
      // A value that decides who is reminded or when is wrong: no member reminder today, the
      // digest says which cell to correct.
      notes.push(REMINDERS_TEXT.blocked, ...data.reminderProblems);
    } else {
      const policy = {
        schoolHolidays: data.holidays,
        pauseOnSchoolHolidays: data.settings.get('relances.pauseVacances') === true,
      };
      const due = dueMemberReminders(data.rules ?? [], data.tracking, now, policy).map((d) => ({
        ruleId: d.rule.id,
        key: d.key,
      }));
      const summary = planWith(spreadsheet, { kind: 'reminders', due }, data, false);
      planned = summary.messages;
      notes.push(...summary.problems, ...summary.skipped);
    }
  } catch (error) {
    notes.push(REMINDERS_TEXT.failed(String((error as Error)?.message ?? error)));
  }
  // The digest is planned after the reminders, so it leaves last (or waits with them).
  appendPlanned(spreadsheet, [buildDigest(data, notes)]);
  const merge = sendPlanned(spreadsheet, { notes, data, effectsApplied });
  const lines = [
    `${plural(planned, 'relance prévue', 'relances prévues')} aujourd’hui.`,
    ...notes,
    ...merge.lines,
  ];
  const journal = new Journal();
  journal.add(REMINDERS_TEXT.journal, lines.join(' '), planned);
  journal.flush(spreadsheet);
  return lines;
}

export function remindersEnabled(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(REMINDERS_PROPERTY) === 'oui';
}

export function remindersOwner(): string {
  return PropertiesService.getDocumentProperties().getProperty(REMINDERS_OWNER_PROPERTY) ?? '';
}

/**
 * Turns the daily reminders on (exactly one trigger for the document, owned by the user who turns
 * them on; its owner is recorded) or off. Another editor cannot delete the owner's trigger: turning
 * off clears the document's flag, and the owner's trigger deletes itself at its next run.
 */
export function setDailyReminders(enabled: boolean, hour: number): string {
  const properties = PropertiesService.getDocumentProperties();
  const user = currentUser();
  const owner = properties.getProperty(REMINDERS_OWNER_PROPERTY) ?? '';
  deleteOwnDailyTriggers();
  if (!enabled) {
    properties.deleteProperty(REMINDERS_PROPERTY);
    return owner !== '' && owner !== user ? REMINDERS_TEXT.offByOther(owner) : REMINDERS_TEXT.off;
  }
  ScriptApp.newTrigger(REMINDERS_HANDLER)
    .timeBased()
    .everyDays(1)
    .atHour(hour)
    .inTimezone('Europe/Paris')
    .create();
  properties.setProperties({ [REMINDERS_PROPERTY]: 'oui', [REMINDERS_OWNER_PROPERTY]: user });
  return REMINDERS_TEXT.on(hour);
}
