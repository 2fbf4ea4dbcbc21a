// Menu entries, page functions and the continuation trigger of the démarches simplifiées sync.

import { DS_TEXT } from '../core/ds-api';
import {
  BUSY_RETRY_MS,
  connectionView,
  removeToken,
  saveConnection,
  SYNC_HANDLER,
  syncCensus,
  testConnection,
} from '../features/ds-sync';
import { deleteFiringTrigger, scheduleContinuation } from '../gas/triggers';
import { WorkbookBusyError } from '../gas/lock';
import { UserError } from '../core/errors';
import type { DsConnectionForm, DsConnectionView, DsSyncResult, FormResult } from '../shared/api';
import { alertCoordinator, runFromMenu } from './dialogs';

export function showDsSidebar(): void {
  runFromMenu(DS_TEXT.pageTitle, () => {
    const page = HtmlService.createHtmlOutputFromFile('ds').setTitle(DS_TEXT.pageTitle);
    SpreadsheetApp.getUi().showSidebar(page);
  });
}

export function syncDsFromMenu(): void {
  runFromMenu(DS_TEXT.title, () => {
    alertCoordinator(DS_TEXT.title, syncCensus(SpreadsheetApp.getActive()).lines);
  });
}

export function getDsConnection(): DsConnectionView {
  return connectionView();
}

export function saveDsConnection(
  form: DsConnectionForm,
): FormResult & { readonly view: DsConnectionView } {
  return saveConnection(form);
}

export function removeDsToken(): DsConnectionView {
  return removeToken();
}

export function testDsConnection(): readonly string[] {
  return testConnection();
}

export function syncDsNow(): DsSyncResult {
  return syncCensus(SpreadsheetApp.getActive());
}

/**
 * The one-off trigger of a paused sync: deletes itself, continues; when another operation holds
 * the workbook, tries again two minutes later. Failures go to the execution log (no user there).
 */
export function continueDsSync(event?: { triggerUid?: unknown }): void {
  deleteFiringTrigger(event);
  try {
    syncCensus(SpreadsheetApp.getActive());
  } catch (error) {
    if (error instanceof WorkbookBusyError) {
      scheduleContinuation(BUSY_RETRY_MS, SYNC_HANDLER);
      Logger.log(DS_TEXT.busy);
      return;
    }
    if (!(error instanceof UserError)) throw error;
    Logger.log(error.message);
  }
}
