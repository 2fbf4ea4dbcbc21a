// "Initialiser / réparer le classeur": creates every sheet the tool needs, adds missing columns at
// the end, seeds Paramètres with the deployment guide's values, and reports what it repaired.

import { LOCALE, TIME_ZONE } from '../core/diagnostic';
import { missingSeedRows, planSheet, repairReport, type SheetPlan } from '../core/repair';
import { WORKBOOK_SHEETS } from '../core/workbook';
import { Journal } from '../gas/journal';
import { configurationReport } from '../gas/settings-store';
import { withDocumentLock } from '../gas/lock';
import { appendRecords, readTable } from '../gas/table';
import { applySheetPlan, snapshotSheet } from '../gas/workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export { TIME_ZONE };

export const INITIALIZE_TEXT = {
  title: 'Initialiser / réparer le classeur',
  upToDate: 'Le classeur est à jour : rien à réparer.',
  done: 'Réparations effectuées :',
  journalAction: 'Initialisation du classeur',
  timeZone: (from: string) => `Fuseau horaire du classeur : ${from} remplacé par ${TIME_ZONE}.`,
  locale: (from: string) =>
    `Paramètres régionaux du classeur : ${from} remplacés par ${LOCALE} (dates et nombres saisis lus à la française).`,
} as const;

export interface InitializeResult {
  readonly lines: readonly string[];
  readonly plans: readonly SheetPlan[];
}

export function initializeWorkbook(spreadsheet: Spreadsheet): InitializeResult {
  return withDocumentLock(() => {
    const lines: string[] = [];
    const zone = spreadsheet.getSpreadsheetTimeZone();
    if (zone !== TIME_ZONE) {
      spreadsheet.setSpreadsheetTimeZone(TIME_ZONE);
      lines.push(INITIALIZE_TEXT.timeZone(zone));
    }
    const locale = spreadsheet.getSpreadsheetLocale();
    if (locale !== LOCALE) {
      spreadsheet.setSpreadsheetLocale(LOCALE);
      lines.push(INITIALIZE_TEXT.locale(locale));
    }
    const plans = WORKBOOK_SHEETS.map((spec) => planSheet(snapshotSheet(spreadsheet, spec)));
    for (const plan of plans) applySheetPlan(spreadsheet, plan);
    const seeded = new Map<string, number>();
    for (const plan of plans) {
      const seed = plan.spec.seed;
      if (!seed || plan.kind === 'unrecognised') continue;
      const table = readTable(spreadsheet, plan.spec, [seed.keyColumn]);
      const missing = missingSeedRows(
        plan.spec,
        table.rows.map((r) => r.cells[seed.keyColumn]),
      );
      appendRecords(table, missing);
      seeded.set(plan.spec.name, missing.length);
    }
    lines.push(...repairReport(plans, seeded));
    lines.push(...configurationReport(spreadsheet));
    if (lines.length > 0) {
      const journal = new Journal();
      journal.add(INITIALIZE_TEXT.journalAction, lines.join(' '), lines.length);
      journal.flush(spreadsheet);
    }
    return { lines, plans };
  });
}
