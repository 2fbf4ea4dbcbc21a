// Reads the "Paramètres" sheet into typed settings; bad values are reported with their row.

import { resolveSettings, type Settings, SETTINGS } from '../core/settings';
import { SETTINGS_SHEET } from '../core/sheets';
import { normalizeKey } from '../core/text';
import { readTable } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface LoadedSettings {
  readonly settings: Settings;
  /** French messages naming the sheet, row and column of each bad value. */
  readonly problems: readonly string[];
}

export function loadSettings(spreadsheet: Spreadsheet): LoadedSettings {
  const table = readTable(spreadsheet, SETTINGS_SHEET, ['key', 'value']);
  const found = new Map<string, unknown>();
  const rowOf = new Map<string, number>();
  const known = new Map(SETTINGS.map((s) => [normalizeKey(s.key), s.key]));
  for (const row of table.rows) {
    const key = known.get(normalizeKey(String(row.cells.key)));
    if (key && !found.has(key)) {
      found.set(key, row.cells.value);
      rowOf.set(key, row.row);
    }
  }
  const { settings, problems } = resolveSettings(found);
  return {
    settings,
    problems: problems.map(
      (p) =>
        `Feuille « ${SETTINGS_SHEET.name} », ligne ${rowOf.get(p.key) ?? '?'}, colonne « Valeur » (${p.key}) : ${p.message} La valeur par défaut est utilisée.`,
    ),
  };
}
