// Every sheet the tool needs, in the order of the tabs it creates.

import type { SheetSpec } from '../schema';
import { DASHBOARD_SHEET } from './dashboard';
import { MEMBERS_SHEET } from './members';
import { TRACKING_SHEET } from './tracking';
import { IMPORT_SHEET } from './import-ds';
import { MAPPING_SHEET } from './mapping';
import { TEMPLATES_SHEET } from './templates';
import { LEDGER_SHEET } from './ledger';
import { RULES_SHEET } from './reminder-rules';
import { CALENDAR_SHEET } from './calendar';
import { REQUESTS_SHEET } from './requests';
import { SETTINGS_SHEET } from './settings';
import { JOURNAL_SHEET } from './journal';

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
