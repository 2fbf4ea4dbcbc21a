// How menu actions talk to the coordinator: French alerts, and errors shown instead of a stack.

import { UserError } from '../core/errors';

export function alertCoordinator(title: string, lines: readonly string[]): void {
  SpreadsheetApp.getUi().alert(title, lines.join('\n\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}

/**
 * Runs a menu action. A UserError is a message for the coordinator: it is shown and the run ends
 * normally. Anything else is shown too, then rethrown so that it appears in the execution log.
 */
export function runFromMenu(title: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (error instanceof UserError) {
      alertCoordinator(title, [error.message]);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    alertCoordinator(title, [
      `Erreur inattendue : ${message}`,
      "L'opération a été interrompue ; le journal d'exécution Apps Script en donne le détail.",
    ]);
    throw error;
  }
}
