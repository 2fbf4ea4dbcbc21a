// The "Groupement d'achats" menu: one entry per feature that exists, each naming the global
// function it runs (exposed in src/index.ts).

export const MENU_TITLE = "Groupement d'achats";

/** The reminders entry says whether they are on (read from a document property: no authorisation needed). */
export const REMINDERS_CAPTION = {
  on: 'Relances quotidiennes : activées (désactiver)',
  onBy: (owner: string) => `Relances quotidiennes : activées par ${owner} (désactiver)`,
  off: 'Relances quotidiennes : désactivées (activer)',
} as const;

export interface MenuEntry {
  readonly caption: string;
  readonly functionName: string;
}

/** In menu order; null stands for a separator. */
export const MENU_ENTRIES: readonly (MenuEntry | null)[] = [
  { caption: 'Importer un export démarches simplifiées (CSV)…', functionName: 'showImportSidebar' },
  { caption: 'Importer la feuille « Import DS »', functionName: 'importDsSheetFromMenu' },
  { caption: 'Synchroniser avec démarches simplifiées', functionName: 'syncDsFromMenu' },
  { caption: 'Connexion démarches simplifiées…', functionName: 'showDsSidebar' },
  { caption: 'Valider les recensements', functionName: 'validateCensusFromMenu' },
  null,
  { caption: 'Actualiser le suivi et le tableau de bord', functionName: 'refreshTrackingFromMenu' },
  null,
  { caption: 'Formulaire : adhérent…', functionName: 'showMemberForm' },
  { caption: 'Formulaire : étape d’activation…', functionName: 'showStepForm' },
  { caption: 'Formulaire : demande d’un adhérent…', functionName: 'showRequestForm' },
  null,
  { caption: 'Transmettre aux prestataires', functionName: 'transmitToProvidersFromMenu' },
  { caption: 'Envoyer les instructions aux adhérents…', functionName: 'showMailingSidebar' },
  { caption: 'Reprendre les envois', functionName: 'resumeMergeFromMenu' },
  { caption: 'Renvoyer les envois en erreur', functionName: 'retryErrorsFromMenu' },
  null,
  { caption: REMINDERS_CAPTION.off, functionName: 'toggleDailyRemindersFromMenu' },
  null,
  { caption: 'Vérifier l’installation', functionName: 'checkInstallationFromMenu' },
  { caption: 'Initialiser / réparer le classeur', functionName: 'initializeWorkbookFromMenu' },
  { caption: 'Aide : modalités de déploiement', functionName: 'showHelp' },
];

/** Simple trigger: runs without authorisation, so it only builds the menu. */
export function onOpen(): void {
  const properties = PropertiesService.getDocumentProperties();
  const enabled = properties.getProperty('relances.actives') === 'oui';
  const owner = properties.getProperty('relances.proprietaire') ?? '';
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const entry of MENU_ENTRIES) {
    if (!entry) menu.addSeparator();
    else if (entry.functionName === 'toggleDailyRemindersFromMenu') {
      const on = owner ? REMINDERS_CAPTION.onBy(owner) : REMINDERS_CAPTION.on;
      menu.addItem(enabled ? on : REMINDERS_CAPTION.off, entry.functionName);
    } else menu.addItem(entry.caption, entry.functionName);
  }
  menu.addToUi();
}
