// Menu entry and server functions of "Vérifier l'installation": the sidebar runs the checks, and
// may ask to set the spreadsheet's time zone and locale.

import { DIAGNOSTIC_TEXT, runDiagnostic, setZones } from '../features/diagnostic';
import { Journal } from '../gas/journal';
import { withDocumentLock } from '../gas/lock';
import type { InstallationReport } from '../shared/api';
import { runFromMenu } from './dialogs';

export function checkInstallationFromMenu(): void {
  runFromMenu(DIAGNOSTIC_TEXT.title, () => {
    SpreadsheetApp.getUi().showSidebar(
      HtmlService.createHtmlOutputFromFile('diagnostic').setTitle(DIAGNOSTIC_TEXT.title),
    );
  });
}

/** Runs every check (sidebar); the report also goes to the Journal. */
export function checkInstallation(): InstallationReport {
  const result = runDiagnostic(SpreadsheetApp.getActive());
  return { ...result, lines: result.lines.map((l) => ({ ...l, action: l.action ?? '' })) };
}

/** Sets the spreadsheet's time zone and locale, then checks again. */
export function setTimeZoneAndLocale(): InstallationReport {
  const spreadsheet = SpreadsheetApp.getActive();
  const changed = withDocumentLock(() => setZones(spreadsheet));
  if (changed.length > 0) {
    const journal = new Journal();
    journal.add(DIAGNOSTIC_TEXT.journalAction, changed.join(' '), changed.length);
    journal.flush(spreadsheet);
  }
  const report = checkInstallation();
  return { ...report, done: changed };
}
