// The "Groupement d'achats" menu: one entry per feature that exists, each naming the global
// function it runs (exposed in src/index.ts).

export const MENU_TITLE = "Groupement d'achats";

export interface MenuEntry {
  readonly caption: string;
  readonly functionName: string;
}

/** In menu order; null stands for a separator. */
export const MENU_ENTRIES: readonly (MenuEntry | null)[] = [
  { caption: 'Importer un export démarches simplifiées (CSV)…', functionName: 'showImportSidebar' },
  { caption: 'Importer la feuille « Import DS »', functionName: 'importDsSheetFromMenu' },
  { caption: 'Valider les recensements', functionName: 'validateCensusFromMenu' },
  null,
  { caption: 'Actualiser le suivi et le tableau de bord', functionName: 'refreshTrackingFromMenu' },
  null,
  { caption: 'Transmettre aux prestataires', functionName: 'transmitToProvidersFromMenu' },
  { caption: 'Envoyer les instructions aux adhérents…', functionName: 'showMailingSidebar' },
  { caption: 'Reprendre les envois', functionName: 'resumeMergeFromMenu' },
  { caption: 'Renvoyer les envois en erreur', functionName: 'retryErrorsFromMenu' },
  null,
  { caption: 'Initialiser / réparer le classeur', functionName: 'initializeWorkbookFromMenu' },
  { caption: 'Aide : modalités de déploiement', functionName: 'showHelp' },
];

/** Simple trigger: runs without authorisation, so it only builds the menu. */
export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const entry of MENU_ENTRIES) {
    if (entry) menu.addItem(entry.caption, entry.functionName);
    else menu.addSeparator();
  }
  menu.addToUi();
}
