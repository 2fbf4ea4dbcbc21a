// The « Import DS » sheet, where the coordinator may paste the démarches simplifiées export.

import type { SheetSpec } from '../schema';

/** Sheet where the coordinator may paste the export (header row first). */
export const IMPORT_SHEET: SheetSpec = {
  key: 'importDs',
  name: 'Import DS',
  purpose:
    "Collez ici l'export démarches simplifiées (ligne d'en-têtes comprise), puis « Importer la feuille Import DS ».",
  tabColor: '#8e44ad',
  freeform: true,
  columns: [],
};
