// Reads the "Paramètres" sheet into typed settings, and the whole configuration ("Paramètres",
// "Relances", "Calendrier") checked by the core: bad values are reported with their sheet, row and
// column.

import type { DayRange } from '../core/calendar';
import {
  checkCalendar,
  checkRules,
  checkSettings,
  type ConfigProblem,
  describeProblem,
} from '../core/config-check';
import type { ReminderRule } from '../core/reminders';
import { CALENDAR_SHEET } from '../core/workbook/calendar';
import { RULES_SHEET } from '../core/workbook/reminder-rules';
import type { Settings } from '../core/settings';
import { SETTINGS_SHEET } from '../core/workbook/settings';
import { UserError } from '../core/errors';
import { readTable } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface LoadedSettings {
  readonly settings: Settings;
  /** French messages naming the sheet, row and column of each bad value (default used). */
  readonly problems: readonly string[];
  /**
   * The bad values that decide who receives mail or how (test mode, provider, coordinator and
   * reply-to addresses): no default stands in for them, nothing is planned or sent while any.
   */
  readonly mailProblems: readonly string[];
  /** Bad values that decide when reminders go (hour, pause): the daily reminders stop. */
  readonly reminderProblems: readonly string[];
  /** Those of mailProblems that every message depends on (test mode, coordinator, reply-to). */
  readonly senderProblems: readonly string[];
}

/** Settings every message depends on; the provider addresses only matter to transmissions. */
const SENDER_SETTINGS: ReadonlySet<string> = new Set([
  'envois.modeTest',
  'coordonnateur.email',
  'groupement.adresse',
]);

function settingsChecked(spreadsheet: Spreadsheet): {
  settings: Settings;
  problems: ConfigProblem[];
} {
  const table = readTable(spreadsheet, SETTINGS_SHEET, ['key', 'value']);
  return checkSettings(table.rows);
}

const messages = (problems: readonly ConfigProblem[], effect: ConfigProblem['effect']) =>
  problems.filter((p) => p.effect === effect).map(describeProblem);

/** The mail problems every message depends on (test mode, coordinator, reply-to). */
export function senderProblems(problems: readonly ConfigProblem[]): string[] {
  return messages(
    problems.filter((p) => p.key !== undefined && SENDER_SETTINGS.has(p.key)),
    'mail',
  );
}

export function loadSettings(spreadsheet: Spreadsheet): LoadedSettings {
  const { settings, problems } = settingsChecked(spreadsheet);
  return {
    settings,
    problems: messages(problems, 'warning'),
    mailProblems: messages(problems, 'mail'),
    senderProblems: senderProblems(problems),
    reminderProblems: messages(problems, 'reminders'),
  };
}

export interface LoadedConfiguration {
  readonly settings: Settings;
  readonly rules: readonly ReminderRule[];
  readonly holidays: readonly DayRange[];
  /** Every problem, located, in sheet order. */
  readonly problems: readonly ConfigProblem[];
  /** French messages of the problems that stop the daily reminders (rules, calendar, hour…). */
  readonly reminderProblems: readonly string[];
  /** French messages of every problem, for a result and the Journal. */
  readonly messages: readonly string[];
}

/** A configuration sheet's rows, in one lookup; none when the sheet is not created yet. */
function rowsIfPresent(spreadsheet: Spreadsheet, spec: typeof RULES_SHEET) {
  const sheet = spreadsheet.getSheetByName(spec.name);
  return sheet ? readTable(spreadsheet, spec, undefined, sheet).rows : [];
}

/** The configuration, from settings already read and checked: "Relances" and "Calendrier" added. */
function configurationWith(
  spreadsheet: Spreadsheet,
  checked: ReturnType<typeof settingsChecked>,
): LoadedConfiguration {
  const rules = checkRules(rowsIfPresent(spreadsheet, RULES_SHEET));
  const pause = checked.settings.get('relances.pauseVacances');
  const calendar = checkCalendar(
    rowsIfPresent(spreadsheet, CALENDAR_SHEET),
    pause ? 'reminders' : 'warning',
  );
  const problems = [...checked.problems, ...rules.problems, ...calendar.problems];
  return {
    settings: checked.settings,
    rules: rules.rules,
    holidays: calendar.holidays,
    problems,
    reminderProblems: messages(problems, 'reminders'),
    messages: problems.map(describeProblem),
  };
}

/** "Paramètres", "Relances" and "Calendrier" read and checked (sheets not created yet: none). */
export function loadConfiguration(spreadsheet: Spreadsheet): LoadedConfiguration {
  return configurationWith(spreadsheet, settingsChecked(spreadsheet));
}

/** A UserError (a configuration sheet that cannot be read yet) turned into no report at all. */
function reportOrNone(read: () => readonly string[]): string[] {
  try {
    return [...read()];
  } catch (error) {
    if (error instanceof UserError) return [];
    throw error;
  }
}

/**
 * Every configuration problem, as French lines for an operation's result and the Journal; nothing
 * when a sheet cannot be read yet (initialise/repair says so on its own).
 */
export function configurationReport(spreadsheet: Spreadsheet): string[] {
  return reportOrNone(() => loadConfiguration(spreadsheet).messages);
}

/**
 * The settings an operation uses and the configuration report it ends with, each configuration
 * sheet read once: "Paramètres" unreadable throws (as loadSettings), "Relances" or "Calendrier"
 * unreadable leaves the report empty (as configurationReport).
 */
export function settingsWithReport(spreadsheet: Spreadsheet): {
  readonly settings: Settings;
  readonly report: readonly string[];
} {
  const checked = settingsChecked(spreadsheet);
  return {
    settings: checked.settings,
    report: reportOrNone(() => configurationWith(spreadsheet, checked).messages),
  };
}
