// Every sheet the tool needs, in the order of the tabs it creates.

import { IMPORT_SHEET, MAPPING_SHEET } from './ds-import';
import type { SheetSpec } from './schema';
import { JOURNAL_SHEET, MEMBERS_SHEET, SETTINGS_SHEET } from './sheets';

export const WORKBOOK_SHEETS: readonly SheetSpec[] = [
  MEMBERS_SHEET,
  IMPORT_SHEET,
  MAPPING_SHEET,
  SETTINGS_SHEET,
  JOURNAL_SHEET,
];
