// The « Tableau de bord » sheet.

import type { SheetSpec } from '../schema';

/** The dashboard is rewritten whole by each refresh: no managed columns. */
export const DASHBOARD_SHEET: SheetSpec = {
  key: 'dashboard',
  name: 'Tableau de bord',
  purpose:
    'Tableau de bord : rempli par « Actualiser le suivi et le tableau de bord » ; ne rien y saisir, il est réécrit à chaque actualisation.',
  tabColor: '#c0392b',
  freeform: true,
  columns: [],
};
