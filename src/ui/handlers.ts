// Menu handlers and the server functions of the pages: each reads the active spreadsheet, calls a
// feature, and shows the outcome. No domain logic here.

import { guideContent } from '../core/guide';
import { INITIALIZE_TEXT, initializeWorkbook } from '../features/initialize';
import { loadSettings } from '../gas/settings-store';
import type { HelpContent } from '../shared/api';
import { alertCoordinator, runFromMenu } from './dialogs';

export function initializeWorkbookFromMenu(): void {
  runFromMenu(INITIALIZE_TEXT.title, () => {
    const result = initializeWorkbook(SpreadsheetApp.getActive());
    alertCoordinator(
      INITIALIZE_TEXT.title,
      result.lines.length === 0
        ? [INITIALIZE_TEXT.upToDate]
        : [INITIALIZE_TEXT.done, ...result.lines],
    );
  });
}

export function showHelp(): void {
  runFromMenu('Aide', () => {
    const page = HtmlService.createHtmlOutputFromFile('help').setTitle('Modalités de déploiement');
    SpreadsheetApp.getUi().showSidebar(page);
  });
}

export function getHelpContent(): HelpContent {
  const { settings, problems } = loadSettings(SpreadsheetApp.getActive());
  return guideContent(settings, problems);
}
