// Menu handler and trigger of the daily reminders.

import {
  REMINDERS_TEXT,
  remindersEnabled,
  runDailyReminders,
  setDailyReminders,
} from '../features/reminders';
import { deleteFiringTrigger } from '../gas/triggers';
import { loadSettings } from '../gas/settings-store';
import { UserError } from '../core/errors';
import { alertCoordinator, runFromMenu } from './dialogs';
import { onOpen } from './menu';

/** Time-driven trigger: the day's reminders and the coordinator's digest. */
export function dailyReminders(event?: { triggerUid?: unknown }): void {
  try {
    runDailyReminders(SpreadsheetApp.getActive(), event?.triggerUid !== undefined);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    Logger.log(error.message);
  }
}

/** One-off trigger: the day's run again, after it found the workbook busy. */
export function dailyRemindersRetry(event?: { triggerUid?: unknown }): void {
  deleteFiringTrigger(event);
  dailyReminders(event);
}

export function toggleDailyRemindersFromMenu(): void {
  runFromMenu(REMINDERS_TEXT.title, () => {
    const { settings, reminderProblems } = loadSettings(SpreadsheetApp.getActive());
    if (!remindersEnabled() && reminderProblems.length > 0)
      throw new UserError([REMINDERS_TEXT.hourProblem, ...reminderProblems].join('\n'));
    const hour = settings.get('relances.heure');
    alertCoordinator(REMINDERS_TEXT.title, [setDailyReminders(!remindersEnabled(), hour)]);
    onOpen();
  });
}
