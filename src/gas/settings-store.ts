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
  /**
   * The bad values that decide who receives mail or how (test mode, provider, coordinator and
   * reply-to addresses): no default stands in for them, nothing is planned or sent while any.
   */
  readonly mailProblems: readonly string[];
  /** Those of mailProblems that every message depends on (test mode, coordinator, reply-to). */
  readonly senderProblems: readonly string[];
}

/** Settings every message depends on; the provider addresses only matter to transmissions. */
const SENDER_SETTINGS: ReadonlySet<string> = new Set([
  'envois.modeTest',
  'coordonnateur.email',
  'groupement.adresse',
]);

/** Settings that decide who receives mail: a bad value stops every merge. */
const MAIL_SETTINGS: ReadonlySet<string> = new Set([
  'envois.modeTest',
  'coordonnateur.email',
  'groupement.adresse',
  'transmission.kercia',
  'transmission.exm',
  'transmission.foxit',
  'transmission.certigna',
  'transmission.yousign',
]);

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
  const where = (key: string): string =>
    `Feuille « ${SETTINGS_SHEET.name} », ligne ${rowOf.get(key) ?? '?'}, colonne « Valeur » (${key})`;
  const mailProblem = (p: { key: string; message: string }): string =>
    `${where(p.key)} : ${p.message} Aucun envoi ne part tant qu’elle n’est pas corrigée.`;
  return {
    settings,
    problems: problems
      .filter((p) => !MAIL_SETTINGS.has(p.key))
      .map((p) => `${where(p.key)} : ${p.message} La valeur par défaut est utilisée.`),
    mailProblems: problems.filter((p) => MAIL_SETTINGS.has(p.key)).map(mailProblem),
    senderProblems: problems.filter((p) => SENDER_SETTINGS.has(p.key)).map(mailProblem),
  };
}
