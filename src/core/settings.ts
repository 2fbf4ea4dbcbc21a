// The coordinator's settings ("Paramètres"), typed by key and read from the sheet's cells; the
// settings themselves, with their defaults and descriptions, are in workbook/settings.ts.

import { cellText } from './text';
import { SETTINGS, type SettingSpec } from './workbook/settings';

/** The key of a setting: a typo in a key is a compile error, not an empty value at run time. */
export type SettingKey = (typeof SETTINGS)[number]['key'];

export type SettingValue = string | number | boolean | readonly string[];

interface ValueByType {
  readonly text: string;
  readonly email: string;
  readonly url: string;
  readonly integer: number;
  readonly yesno: boolean;
  readonly list: readonly string[];
}

/** The value type of a setting, from its declared type: `relances.heure` is a number. */
export type SettingValueOf<K extends SettingKey> = ValueByType[Extract<
  (typeof SETTINGS)[number],
  { readonly key: K }
>['type']];

/** The keys of the integer settings (delays, hour, maximum). */
export type IntegerSettingKey = {
  [K in SettingKey]: SettingValueOf<K> extends number ? K : never;
}[SettingKey];

/**
 * The settings, parsed: every key has a value (a bad or missing one falls back to its default, and
 * the problem is reported where the settings are read). One typed reader, and one text reader for
 * what is shown to people (messages, the help page, templates).
 */
export class Settings {
  constructor(private readonly values: ReadonlyMap<SettingKey, SettingValue>) {}

  get<K extends SettingKey>(key: K): SettingValueOf<K> {
    return this.values.get(key) as SettingValueOf<K>;
  }

  /** As a person reads it: lists joined by commas, numbers and yes/no in French. */
  readonly text = (key: SettingKey): string => {
    const value = this.values.get(key);
    return Array.isArray(value) ? value.join(', ') : cellText(value);
  };
}

export interface SettingProblem {
  readonly key: SettingKey;
  readonly message: string;
}

/** Integer settings with a narrower range than « 0 or more ». */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'relances.heure': [0, 23],
};

/**
 * Interprets one raw cell value for a setting. Returns the typed value or a French message.
 * An empty cell falls back to the default, except for optional settings, which stay empty.
 */
export function parseSetting(
  spec: SettingSpec,
  raw: unknown,
): { value: SettingValue } | { problem: string } {
  const text = raw instanceof Date ? '' : String(raw ?? '').trim();
  if (text === '') {
    if (spec.optional) return { value: spec.type === 'list' ? [] : '' };
    return parseSetting(spec, spec.defaultValue);
  }
  switch (spec.type) {
    case 'integer': {
      const n = Number(text.replace(',', '.'));
      const [min, max] = INTEGER_RANGES[spec.key] ?? [0, Infinity];
      if (!/^-?\d+([.,]\d+)?$/.test(text) || !Number.isInteger(n) || n < 0)
        return {
          problem: `« ${text} » n’est pas un nombre entier positif ou nul (attendu : un nombre comme ${spec.defaultValue}).`,
        };
      if (n < min || n > max)
        return {
          problem: `« ${text} » est hors des valeurs permises (attendu : un nombre entier de ${min} à ${max}).`,
        };
      return { value: n };
    }
    case 'yesno': {
      const key = text.toLowerCase();
      if (['oui', 'true', 'vrai', '1'].includes(key)) return { value: true };
      if (['non', 'false', 'faux', '0'].includes(key)) return { value: false };
      return { problem: `« ${text} » : indiquez Oui ou Non.` };
    }
    case 'email':
      if (text.split(/[\s,;]+/).filter((part) => part.includes('@')).length > 1)
        return {
          problem: `« ${text} » contient plusieurs adresses : une seule adresse est attendue dans cette cellule.`,
        };
      if (!isEmailAddress(text))
        return { problem: `« ${text} » n'est pas une adresse électronique valide.` };
      return { value: text };
    case 'url':
      if (!/^https?:\/\/\S+$/.test(text))
        return { problem: `« ${text} » n'est pas un lien web (https://…).` };
      return { value: text };
    case 'list': {
      const items = text
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (spec.key !== 'groupement.departements') return { value: items };
      const bad = items.filter((item) => !/^\d{2,3}$/.test(item));
      if (bad.length > 0)
        return {
          problem: `« ${bad.join(' », « ')} » n’est pas un numéro de département (attendu : des numéros comme 54 ou 054, séparés par des virgules ou des points-virgules).`,
        };
      return { value: items.map((item) => item.padStart(3, '0')) };
    }
    default:
      return { value: text };
  }
}

/** Syntax check of an e-mail address, strict enough to catch typing mistakes. */
export function isEmailAddress(text: string): boolean {
  return /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(
    text,
  );
}

/** All settings, typed, from the values found by key; unknown or bad values are reported. */
export function resolveSettings(found: ReadonlyMap<string, unknown>): {
  settings: Settings;
  problems: SettingProblem[];
} {
  const settings = new Map<SettingKey, SettingValue>();
  const problems: SettingProblem[] = [];
  for (const spec of SETTINGS) {
    const parsed = parseSetting(spec, found.get(spec.key));
    if ('problem' in parsed) {
      problems.push({ key: spec.key, message: parsed.problem });
      const fallback = parseSetting(spec, spec.defaultValue);
      if ('value' in fallback) settings.set(spec.key, fallback.value);
    } else settings.set(spec.key, parsed.value);
  }
  return { settings: new Settings(settings), problems };
}

export function settingSpec(key: SettingKey): SettingSpec {
  const spec = SETTINGS.find((s) => s.key === key);
  if (!spec) throw new Error(`Unknown setting ${key}`);
  return spec;
}
