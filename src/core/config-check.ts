// The coordinator's configuration checked in one place: "Paramètres", "Relances" and "Calendrier".
// Every invalid value becomes a located problem (sheet, row, column, what is expected). Values that
// decide who gets mail or when block: the mail settings every merge, the reminder settings, rules
// and calendar the daily reminders; the others fall back to their default with a visible warning.

import type { DayRange } from './calendar';
import type { ReminderRule } from './reminders';
import { CALENDAR_SHEET } from './workbook/calendar';
import { RULES_SHEET } from './workbook/reminder-rules';
import type { CellValue } from './schema';
import { resolveSettings, type Settings } from './settings';
import { SETTINGS, SETTINGS_SHEET } from './workbook/settings';
import { normalizeKey, rawText } from './text';

/** What a problem stops: every merge, the daily reminders, or nothing (default used). */
export type ConfigEffect = 'mail' | 'reminders' | 'warning';

export interface ConfigProblem {
  readonly sheet: string;
  /** Row in the sheet; undefined when the value is missing from the sheet. */
  readonly row: number | undefined;
  readonly column: string;
  /** The setting's key, for a "Paramètres" value. */
  readonly key?: string;
  readonly message: string;
  readonly effect: ConfigEffect;
}

export interface SheetRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

/** Settings that decide who receives mail: a bad value stops every merge. */
export const MAIL_SETTINGS: ReadonlySet<string> = new Set([
  'envois.modeTest',
  'coordonnateur.email',
  'groupement.adresse',
  'transmission.kercia',
  'transmission.exm',
  'transmission.foxit',
  'transmission.certigna',
  'transmission.yousign',
]);

/** Settings that decide when reminders go: a bad value stops the daily reminders. */
export const REMINDER_SETTINGS: ReadonlySet<string> = new Set([
  'relances.heure',
  'relances.pauseVacances',
]);

const header = (spec: { columns: readonly { key: string; header: string }[] }, key: string) =>
  spec.columns.find((c) => c.key === key)?.header ?? key;

/** « Feuille « Relances », ligne 3, colonne « Délai » : … » */
export function describeProblem(p: ConfigProblem): string {
  const row = p.row === undefined ? 'ligne absente' : `ligne ${p.row}`;
  const consequence =
    p.effect === 'mail'
      ? ' Aucun envoi ne part tant qu’elle n’est pas corrigée.'
      : p.effect === 'reminders'
        ? ' Aucune relance aux adhérents ne part tant qu’elle n’est pas corrigée.'
        : p.sheet === CALENDAR_SHEET.name
          ? ' Cette période est ignorée.'
          : ' La valeur par défaut est utilisée.';
  const key = p.key ? ` (${p.key})` : '';
  return `Feuille « ${p.sheet} », ${row}, colonne « ${p.column} »${key} : ${p.message}${consequence}`;
}

/** The settings, typed, from the "Paramètres" rows; each bad value located. */
export function checkSettings(rows: readonly SheetRow[]): {
  settings: Settings;
  problems: ConfigProblem[];
} {
  const found = new Map<string, unknown>();
  const rowOf = new Map<string, number>();
  const byKey = new Map<string, string>();
  for (const { key } of SETTINGS) byKey.set(normalizeKey(key), key);
  for (const { row, cells } of rows) {
    const key = byKey.get(normalizeKey(rawText(cells.key)));
    if (key && !found.has(key)) {
      found.set(key, cells.value);
      rowOf.set(key, row);
    }
  }
  const { settings, problems } = resolveSettings(found);
  return {
    settings,
    problems: problems.map((p) => ({
      sheet: SETTINGS_SHEET.name,
      row: rowOf.get(p.key),
      column: header(SETTINGS_SHEET, 'value'),
      key: p.key,
      message: p.message,
      effect: MAIL_SETTINGS.has(p.key)
        ? 'mail'
        : REMINDER_SETTINGS.has(p.key)
          ? 'reminders'
          : 'warning',
    })),
  };
}

const isBlank = (cells: Readonly<Record<string, CellValue>>): boolean =>
  Object.values(cells).every((v) => v === '' || v === null || v === undefined);

const AUDIENCES: Readonly<Record<string, string>> = {
  adherent: 'adhérent',
  adherents: 'adhérent',
  coordonnateur: 'coordonnateur',
  coordinateur: 'coordonnateur',
};

/**
 * The reminder rules of the "Relances" rows. Blank rows and inactive rules are skipped; any invalid
 * value of an active rule is a problem that stops the daily reminders (the rule is left out).
 */
export function checkRules(rows: readonly SheetRow[]): {
  rules: ReminderRule[];
  problems: ConfigProblem[];
} {
  const rules: ReminderRule[] = [];
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    if (isBlank(cells)) continue;
    const own: ConfigProblem[] = [];
    const problem = (key: string, message: string): void => {
      own.push({
        sheet: RULES_SHEET.name,
        row,
        column: header(RULES_SHEET, key),
        message,
        effect: 'reminders',
      });
    };
    const activeText = normalizeKey(rawText(cells.active));
    if (activeText === 'non') continue;
    if (activeText !== '' && activeText !== 'oui')
      problem('active', `« ${rawText(cells.active)} » : indiquez Oui ou Non.`);
    const text = (key: string): string => rawText(cells[key]).trim();
    const id = text('id');
    if (id === '') problem('id', 'identifiant vide : donnez un nom unique à la règle.');
    else if (seen.has(normalizeKey(id)))
      problem('id', `« ${id} » est déjà l’identifiant de la ligne ${seen.get(normalizeKey(id))}.`);
    else seen.set(normalizeKey(id), row);
    const audience = AUDIENCES[normalizeKey(text('audience'))];
    if (!audience)
      problem('audience', `« ${text('audience')} » : attendu « adhérent » ou « coordonnateur ».`);
    if (text('service') === '')
      problem(
        'service',
        'service vide : attendu un service du Suivi, « Recensement » ou « Demandes ».',
      );
    if (text('step') === '')
      problem('step', 'étape vide : attendu l’étape à laquelle la relance s’applique.');
    const integer = (key: string, min: number): number => {
      const value = cells[key];
      if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
      const shown = rawText(value).trim();
      const expected = `attendu : un nombre entier${min > 0 ? ` d’au moins ${min}` : ' positif ou nul'}`;
      if (shown === '') problem(key, `valeur vide (${expected}).`);
      else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value))
        problem(key, `« ${shown} » est écrit comme du texte (${expected}, saisi comme nombre).`);
      else problem(key, `« ${shown} » n’est pas valable (${expected}).`);
      return 0;
    };
    const delay = integer('delay', 0);
    const interval = integer('interval', 1);
    const max = integer('max', 1);
    if (audience === 'adhérent' && text('template') === '')
      problem(
        'template',
        'modèle vide : une relance aux adhérents part avec un modèle de la feuille Modèles.',
      );
    problems.push(...own);
    if (own.length > 0) continue;
    rules.push({
      id,
      label: rawText(cells.label),
      audience,
      service: text('service'),
      step: text('step'),
      delay,
      interval,
      max,
      template: text('template'),
      active: true,
    });
  }
  return { rules, problems };
}

/**
 * The school holidays of the "Calendrier" rows. A period typed as text, with a missing day, or
 * ending before it starts is a problem; `effect` says what it stops (reminders when they pause
 * during holidays).
 */
export function checkCalendar(
  rows: readonly SheetRow[],
  effect: ConfigEffect,
): { holidays: DayRange[]; problems: ConfigProblem[] } {
  const holidays: DayRange[] = [];
  const problems: ConfigProblem[] = [];
  for (const { row, cells } of rows) {
    if (isBlank(cells)) continue;
    const problem = (key: string, message: string): void => {
      problems.push({
        sheet: CALENDAR_SHEET.name,
        row,
        column: header(CALENDAR_SHEET, key),
        message,
        effect,
      });
    };
    const day = (key: string): Date | undefined => {
      const value = cells[key];
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
      const shown = rawText(value).trim();
      if (shown === '') problem(key, 'date vide (attendu : une date JJ/MM/AAAA).');
      else
        problem(
          key,
          `« ${shown} » n’est pas une date (attendu : une date JJ/MM/AAAA, saisie comme date et non comme texte).`,
        );
      return undefined;
    };
    const start = day('start');
    const end = day('end');
    if (!start || !end) continue;
    if (end.getTime() < start.getTime()) {
      problem(
        'end',
        `le dernier jour est avant le premier jour (attendu : une date au plus tôt le premier jour).`,
      );
      continue;
    }
    holidays.push({ start, end, label: rawText(cells.label) || 'Vacances scolaires' });
  }
  return { holidays, problems };
}
