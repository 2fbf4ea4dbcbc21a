// Every sheet the tool needs, in the order of the tabs it creates.

import { IMPORT_SHEET, MAPPING_SHEET } from './ds-import';
import type { SheetSpec } from './schema';
import { JOURNAL_SHEET, MEMBERS_SHEET, SETTINGS_SHEET } from './sheets';
import { TRACKING_SHEET } from './tracking';
import { TEMPLATES_SHEET } from './templates';
import { LEDGER_SHEET } from './ledger';
import { CALENDAR_SHEET, REQUESTS_SHEET, RULES_SHEET } from './reminders';

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

export const WORKBOOK_SHEETS: readonly SheetSpec[] = [
  DASHBOARD_SHEET,
  MEMBERS_SHEET,
  TRACKING_SHEET,
  IMPORT_SHEET,
  MAPPING_SHEET,
  TEMPLATES_SHEET,
  LEDGER_SHEET,
  RULES_SHEET,
  CALENDAR_SHEET,
  REQUESTS_SHEET,
  SETTINGS_SHEET,
  JOURNAL_SHEET,
];
