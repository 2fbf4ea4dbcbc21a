// "Vérifier l'installation": asks each Apps Script service what the checks of src/core/diagnostic.ts
// need, probes how Plain-text cells store text (and remembers it for the writes), cleans up this
// user's spent continuation triggers, and writes the report to the Journal. Nothing else is changed.

import {
  type CheckLine,
  LOCALE,
  TIME_ZONE,
  plainTextBehaviourOf,
  plainTextLines,
  quotaLines,
  reportText,
  serviceLine,
  settingsLines,
  summaryOf,
  triggerLines,
  workbookLines,
  zoneLines,
} from '../core/diagnostic';
import { planSheet } from '../core/repair';
import { WORKBOOK_SHEETS } from '../core/workbook';
import { Journal } from '../gas/journal';
import { withDocumentLock } from '../gas/lock';
import { loadSettings } from '../gas/settings-store';
import { UserError } from '../core/errors';
import { rememberPlainTextBehaviour } from '../gas/table';
import { snapshotSheet } from '../gas/workbook';
import { scheduleContinuation } from '../gas/triggers';
import { CONTINUE_HANDLER } from './merge';
import { REMINDERS_HANDLER, REMINDERS_OWNER_PROPERTY, REMINDERS_PROPERTY } from './reminders';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const DIAGNOSTIC_TEXT = {
  title: 'Vérifier l’installation',
  journalAction: 'Vérification de l’installation',
  probeSheet: 'Vérification (temporaire)',
  zonesSet: (zone: string, locale: string) =>
    `Fuseau horaire du classeur réglé sur ${zone} et paramètres régionaux sur ${locale}.`,
} as const;

/** Delay of the one continuation kept when spent ones are cleaned up (it ends at once if idle). */
const CONTINUATION_AFTER_CLEANUP_MS = 60 * 1000;

export interface DiagnosticResult {
  readonly summary: string;
  readonly lines: readonly CheckLine[];
  /** Whether the page should offer to set the spreadsheet's time zone and locale. */
  readonly canFixZones: boolean;
}

/** Runs `check`; a thrown error becomes the service's "à corriger" line. */
function answers<T>(service: string, lines: CheckLine[], check: () => T): T | undefined {
  try {
    const value = check();
    lines.push(serviceLine(service));
    return value;
  } catch (error) {
    lines.push(serviceLine(service, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

/**
 * Writes "'0123" and "=1+1" into a temporary Plain-text sheet, reads back what Sheets stored, and
 * deletes the sheet (also when the reads fail).
 */
function probePlainText(spreadsheet: Spreadsheet): {
  apostropheRead: string;
  equalsFormula: string;
} {
  const existing = spreadsheet.getSheetByName(DIAGNOSTIC_TEXT.probeSheet);
  if (existing) spreadsheet.deleteSheet(existing);
  const sheet = spreadsheet.insertSheet(DIAGNOSTIC_TEXT.probeSheet, spreadsheet.getSheets().length);
  try {
    const range = sheet.getRange(1, 1, 1, 2);
    range.setNumberFormat('@');
    range.setValues([["'0123", '=1+1']]);
    const values = range.getValues()[0];
    const formulas = range.getFormulas()[0];
    return { apostropheRead: String(values[0]), equalsFormula: String(formulas[1] ?? '') };
  } finally {
    spreadsheet.deleteSheet(sheet);
  }
}

/**
 * Deletes this user's continuation triggers: a one-off trigger that has fired stays listed (and
 * counted) until deleted, and Apps Script does not say which have fired. When some existed, one
 * fresh continuation is scheduled: it resumes a stopped send, or ends at once when none is pending.
 */
function cleanContinuations(): number {
  const continuations = ScriptApp.getProjectTriggers().filter(
    (t) => t.getHandlerFunction() === CONTINUE_HANDLER,
  );
  if (continuations.length === 0) return 0;
  scheduleContinuation(CONTINUATION_AFTER_CLEANUP_MS, CONTINUE_HANDLER);
  return continuations.length - 1;
}

export function runDiagnostic(spreadsheet: Spreadsheet): DiagnosticResult {
  const lines: CheckLine[] = [];
  const user = Session.getActiveUser().getEmail();

  const zones = answers('Le classeur (SpreadsheetApp)', lines, () => ({
    spreadsheetTimeZone: spreadsheet.getSpreadsheetTimeZone(),
    locale: spreadsheet.getSpreadsheetLocale(),
    plans: WORKBOOK_SHEETS.map((spec) => planSheet(snapshotSheet(spreadsheet, spec))),
  }));
  const remaining = answers('Le quota d’envoi (MailApp)', lines, () =>
    MailApp.getRemainingDailyQuota(),
  );
  const cleaned = answers('Le service des déclencheurs (ScriptApp)', lines, () =>
    cleanContinuations(),
  );
  const triggers =
    cleaned === undefined
      ? undefined
      : ScriptApp.getProjectTriggers().map((t) => ({
          handler: t.getHandlerFunction(),
          type: String(t.getEventType()),
        }));
  const properties = answers(
    'Le service des propriétés du document (PropertiesService)',
    lines,
    () => {
      const store = PropertiesService.getDocumentProperties();
      return {
        remindersOn: store.getProperty(REMINDERS_PROPERTY) === 'oui',
        remindersOwner: store.getProperty(REMINDERS_OWNER_PROPERTY) ?? '',
      };
    },
  );
  answers('Le verrou du document (LockService)', lines, () =>
    withDocumentLock(() => undefined, {
      busyMessage: 'le classeur est occupé par une autre opération',
    }),
  );

  if (zones) {
    lines.push(
      ...zoneLines({
        spreadsheetTimeZone: zones.spreadsheetTimeZone,
        scriptTimeZone: Session.getScriptTimeZone(),
        locale: zones.locale,
      }),
    );
    const behaviour = plainTextBehaviourOf(probePlainText(spreadsheet));
    rememberPlainTextBehaviour(behaviour);
    lines.push(...plainTextLines(behaviour));
  }
  if (triggers && properties) {
    lines.push(
      ...triggerLines({
        user,
        triggers,
        cleaned: cleaned ?? 0,
        remindersOn: properties.remindersOn,
        remindersOwner: properties.remindersOwner,
        remindersHandler: REMINDERS_HANDLER,
      }),
    );
  }
  if (remaining !== undefined) lines.push(...quotaLines(remaining));
  if (zones) {
    lines.push(...workbookLines(zones.plans));
    try {
      const { problems, mailProblems } = loadSettings(spreadsheet);
      lines.push(...settingsLines(problems, mailProblems));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      lines.push(...settingsLines([error.message], []));
    }
  }

  const summary = summaryOf(lines);
  const journal = new Journal();
  journal.add(
    DIAGNOSTIC_TEXT.journalAction,
    [summary, ...lines.map(reportText)].join('\n'),
    lines.filter((l) => l.status !== 'ok').length,
  );
  journal.flush(spreadsheet);
  const canFixZones =
    !!zones && (zones.spreadsheetTimeZone !== TIME_ZONE || zones.locale !== LOCALE);
  return { summary, lines, canFixZones };
}

/** Sets the spreadsheet's time zone and locale; returns what changed, in French (for the Journal). */
export function setZones(spreadsheet: Spreadsheet): string[] {
  const changed: string[] = [];
  if (spreadsheet.getSpreadsheetTimeZone() !== TIME_ZONE) {
    changed.push(
      `Fuseau horaire du classeur : ${spreadsheet.getSpreadsheetTimeZone()} remplacé par ${TIME_ZONE}.`,
    );
    spreadsheet.setSpreadsheetTimeZone(TIME_ZONE);
  }
  if (spreadsheet.getSpreadsheetLocale() !== LOCALE) {
    changed.push(
      `Paramètres régionaux du classeur : ${spreadsheet.getSpreadsheetLocale()} remplacés par ${LOCALE}.`,
    );
    spreadsheet.setSpreadsheetLocale(LOCALE);
  }
  return changed;
}
