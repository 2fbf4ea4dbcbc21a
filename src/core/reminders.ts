// Daily reminders: the rules (sheet "Relances", seeded from the deployment guide), the school
// calendar (sheet "Calendrier", zone B), and which reminders are due on a day: only when the delay
// has passed, never twice the same day, never on a day off for that school, never beyond the maximum.

import {
  addWorkingDays,
  type DayRange,
  dayKey,
  isMoselle,
  isWorkingDay,
  startOfDay,
  workingDaysBetween,
} from './calendar';
import type { CellValue, SheetSpec } from './schema';
import { isHoursDelay, PATHS, stepDeadline, type TrackedService } from './catalogue';
import type { Settings } from './settings';
import { cellText, formatDateFr, normalizeKey, rawText } from './text';
import { findStep, isDropped, stepsFor } from './tracking';

export interface ReminderRule {
  readonly id: string;
  readonly label: string;
  /** 'adhérent': a message to the member; 'coordonnateur': a line of the coordinator's digest. */
  readonly audience: string;
  readonly service: string;
  readonly step: string;
  readonly delay: number;
  readonly interval: number;
  readonly max: number;
  readonly template: string;
  readonly active: boolean;
}

const rule = (
  id: string,
  label: string,
  audience: string,
  service: string,
  step: string,
  delay: number,
  interval: number,
  max: number,
  template: string,
): Record<string, CellValue> => ({
  id,
  label,
  audience,
  service,
  step,
  delay,
  interval,
  max,
  template,
  active: 'Oui',
});

export const DEFAULT_RULES: readonly Record<string, CellValue>[] = [
  rule(
    'convention',
    'Convention pas encore signée en ligne',
    'adhérent',
    'Convention',
    'Formulaire envoyé',
    10,
    5,
    3,
    'relance-convention',
  ),
  rule(
    'tpe-ddfip',
    'TPE (public) : demande DDFIP pas encore faite',
    'adhérent',
    'TPE',
    'Demande DDFIP à faire',
    10,
    10,
    3,
    'relance-tpe-ddfip',
  ),
  rule(
    'tpe-contrat',
    'TPE (public) : contrat reçu mais pas envoyé à EXM',
    'adhérent',
    'TPE',
    'Contrat commerçant reçu',
    5,
    5,
    3,
    'relance-tpe-contrat',
  ),
  rule(
    'certigna-bc',
    'Certigna : bon de commande pas encore envoyé',
    'adhérent',
    'Certificats RGS**',
    'Bon de commande à envoyer',
    10,
    10,
    3,
    'relance-certigna-bc',
  ),
  rule(
    'certigna-72h',
    'Certigna : commande non traitée dans les 72 heures (comptées en heures depuis la date de l’étape ; le délai de la règle s’y ajoute)',
    'coordonnateur',
    'Certificats RGS**',
    'Bon de commande envoyé',
    0,
    2,
    5,
    '',
  ),
  rule(
    'foxit',
    'Foxit : premier mail (en anglais) peut-être pas vu',
    'adhérent',
    'Logiciel PDF',
    'Transmis à Foxit',
    15,
    10,
    2,
    'relance-foxit',
  ),
  rule(
    'yousign',
    'Yousign : première connexion pas faite',
    'adhérent',
    'Signature électronique',
    'Compte créé',
    5,
    10,
    2,
    'relance-yousign',
  ),
  // A submitted census commits the school (the guide): every submitted dossier not yet accepted is
  // listed in the digest, from the day it is submitted, until the coordinator accepts it.
  rule(
    'recensement',
    'Recensement déposé (il engage l’établissement), à accepter sur démarches simplifiées',
    'coordonnateur',
    'Recensement',
    'En instruction',
    0,
    5,
    10,
    '',
  ),
  rule(
    'demandes',
    'Demande d’adhérent sans réponse',
    'coordonnateur',
    'Demandes',
    'En attente',
    7,
    2,
    10,
    '',
  ),
  rule(
    'recensement-construction',
    'Recensement déposé (il engage l’établissement), pas encore en instruction',
    'coordonnateur',
    'Recensement',
    'En construction',
    0,
    5,
    10,
    '',
  ),
];

export const RULES_SHEET: SheetSpec = {
  key: 'reminderRules',
  name: 'Relances',
  purpose:
    'Règles des relances quotidiennes : quand, à qui, combien de fois. Délais, intervalles et nombres : valeurs par défaut de l’outil, le guide n’en fixe pas (sauf les 72 heures de Certigna).',
  tabColor: '#16a085',
  seed: { keyColumn: 'id', rows: DEFAULT_RULES },
  columns: [
    {
      key: 'id',
      header: 'Identifiant',
      owner: 'user',
      kind: 'text',
      width: 110,
      note: 'Nom unique de la règle.',
    },
    {
      key: 'label',
      header: 'Relance',
      owner: 'user',
      kind: 'text',
      width: 300,
      note: 'Ce que la relance signale.',
    },
    {
      key: 'audience',
      header: 'Destinataire',
      owner: 'user',
      kind: 'choice',
      choices: ['adhérent', 'coordonnateur'],
      width: 110,
      note: '« adhérent » : un message à l’établissement ; « coordonnateur » : une ligne du récapitulatif quotidien.',
    },
    {
      key: 'service',
      header: 'Service',
      owner: 'user',
      kind: 'text',
      width: 150,
      note: 'Service du Suivi (Convention, TPE…), « Recensement » (feuille Adhérents) ou « Demandes » (feuille Demandes).',
    },
    {
      key: 'step',
      header: 'Étape',
      owner: 'user',
      kind: 'text',
      width: 170,
      note: 'Étape du Suivi (ou état DS, ou statut de la demande) à laquelle la relance s’applique.',
    },
    {
      key: 'delay',
      header: 'Délai (jours ouvrés)',
      owner: 'user',
      kind: 'integer',
      width: 90,
      note: 'Jours ouvrés après la date de l’étape avant la première relance (après la fin du délai en heures pour une étape qui en a un : les 72 heures de Certigna). Valeur par défaut de l’outil, pas du guide.',
    },
    {
      key: 'interval',
      header: 'Intervalle (jours ouvrés)',
      owner: 'user',
      kind: 'integer',
      width: 90,
      note: 'Jours ouvrés entre deux relances. Valeur par défaut de l’outil, pas du guide.',
    },
    {
      key: 'max',
      header: 'Nombre maximal',
      owner: 'user',
      kind: 'integer',
      width: 80,
      note: 'Au-delà, plus de relance (la ligne reste signalée en retard).',
    },
    {
      key: 'template',
      header: 'Modèle',
      owner: 'user',
      kind: 'text',
      width: 150,
      note: 'Identifiant du modèle (feuille Modèles) pour les relances aux adhérents.',
    },
    {
      key: 'active',
      header: 'Active',
      owner: 'user',
      kind: 'choice',
      choices: ['Oui', 'Non'],
      width: 60,
      note: 'Non : la règle est ignorée.',
    },
  ],
};

const d = (y: number, m: number, day: number): Date => new Date(y, m - 1, day);

export const CALENDAR_SHEET: SheetSpec = {
  key: 'calendar',
  name: 'Calendrier',
  purpose: 'Vacances scolaires (zone B) : les relances peuvent s’y interrompre (Paramètres).',
  tabColor: '#16a085',
  seed: {
    keyColumn: 'label',
    rows: [
      { label: 'Toussaint 2025', start: d(2025, 10, 18), end: d(2025, 11, 2) },
      { label: 'Noël 2025', start: d(2025, 12, 20), end: d(2026, 1, 4) },
      { label: 'Hiver 2026', start: d(2026, 2, 14), end: d(2026, 3, 1) },
      { label: 'Printemps 2026', start: d(2026, 4, 11), end: d(2026, 4, 26) },
      { label: 'Été 2026', start: d(2026, 7, 4), end: d(2026, 8, 31) },
      { label: 'Toussaint 2026', start: d(2026, 10, 17), end: d(2026, 11, 1) },
    ],
  },
  columns: [
    {
      key: 'label',
      header: 'Vacances',
      owner: 'user',
      kind: 'text',
      width: 160,
      note: 'Nom des vacances (zone B, académie de Nancy-Metz). Ajoutez les dates de l’année suivante dès qu’elles sont publiées.',
    },
    {
      key: 'start',
      header: 'Premier jour',
      owner: 'user',
      kind: 'date',
      width: 110,
      note: 'Premier jour sans classe.',
    },
    {
      key: 'end',
      header: 'Dernier jour',
      owner: 'user',
      kind: 'date',
      width: 110,
      note: 'Dernier jour sans classe (la reprise est le lendemain).',
    },
  ],
};

export const REQUESTS_SHEET: SheetSpec = {
  key: 'requests',
  name: 'Demandes',
  purpose:
    'Demandes des adhérents au groupement : une relance signale celles sans réponse après le délai.',
  tabColor: '#16a085',
  columns: [
    {
      key: 'date',
      header: 'Reçue le',
      owner: 'user',
      kind: 'date',
      width: 100,
      note: 'Date de la demande.',
    },
    {
      key: 'uai',
      header: 'UAI',
      owner: 'user',
      kind: 'uai',
      width: 90,
      note: 'Établissement demandeur.',
    },
    {
      key: 'subject',
      header: 'Objet',
      owner: 'user',
      kind: 'text',
      width: 300,
      note: 'Objet de la demande.',
    },
    {
      key: 'status',
      header: 'Statut',
      owner: 'user',
      kind: 'choice',
      choices: ['En attente', 'Répondu', 'Classée'],
      width: 100,
      note: '« En attente » tant que le groupement n’a pas répondu.',
    },
    {
      key: 'answeredOn',
      header: 'Répondu le',
      owner: 'user',
      kind: 'date',
      width: 100,
      note: 'Date de la réponse.',
    },
  ],
};

export function ruleFrom(cells: Readonly<Record<string, CellValue>>): ReminderRule {
  const int = (v: CellValue, fallback: number): number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
  return {
    id: rawText(cells.id).trim(),
    label: rawText(cells.label),
    audience: rawText(cells.audience).trim(),
    service: rawText(cells.service).trim(),
    step: rawText(cells.step).trim(),
    delay: int(cells.delay, 10),
    interval: int(cells.interval, 5),
    max: int(cells.max, 1),
    template: rawText(cells.template).trim(),
    active: normalizeKey(cellText(cells.active)) !== 'non',
  };
}

export interface ReminderState {
  readonly rule: string;
  readonly count: number;
  readonly last: Date | undefined;
}

/** The reminder columns of a tracking row: the rule they count for, the count, the last day. */
export function reminderState(cells: Readonly<Record<string, CellValue>>): ReminderState {
  return {
    rule: rawText(cells.reminderRule),
    count: typeof cells.reminderCount === 'number' ? cells.reminderCount : 0,
    last: cells.reminderLast instanceof Date ? cells.reminderLast : undefined,
  };
}

export interface CalendarPolicy {
  readonly schoolHolidays: readonly DayRange[];
  readonly pauseOnSchoolHolidays: boolean;
}

/** Is `today` a day this school may be reminded on? */
export function mayRemind(uai: string, today: Date, policy: CalendarPolicy): boolean {
  return isWorkingDay(today, {
    moselle: isMoselle(uai),
    schoolHolidays: policy.pauseOnSchoolHolidays ? policy.schoolHolidays : [],
  });
}

/**
 * Is the reminder of `rule` due on `today` for a row that reached its step on `since`? The delay
 * and interval count working days of that school; a row is reminded at most once a day and `max`
 * times for the rule (the count starts again when the row moves to another rule's step).
 */
export function isDue(
  rule: ReminderRule,
  since: Date,
  state: ReminderState,
  uai: string,
  today: Date,
  policy: CalendarPolicy,
): boolean {
  if (!mayRemind(uai, today, policy)) return false;
  const options = { moselle: isMoselle(uai) };
  if (workingDaysBetween(since, today, options) < rule.delay) return false;
  const ours = state.rule === rule.id;
  const count = ours ? state.count : 0;
  if (count >= rule.max) return false;
  if (ours && state.last) {
    if (dayKey(state.last) === dayKey(today)) return false;
    if (addWorkingDays(state.last, rule.interval, options).getTime() > startOfDay(today).getTime())
      return false;
  }
  return true;
}

export interface DueReminder {
  readonly rule: ReminderRule;
  readonly key: string;
  readonly uai: string;
  readonly service: string;
}

/** Member reminders due today from the tracking rows. */
export function dueMemberReminders(
  rules: readonly ReminderRule[],
  tracking: readonly Readonly<Record<string, CellValue>>[],
  today: Date,
  policy: CalendarPolicy,
): DueReminder[] {
  const due: DueReminder[] = [];
  for (const row of tracking) {
    if (isDropped(row.subscription) || !(row.stepDate instanceof Date)) continue;
    const rule = rules.find(
      (r) =>
        r.active &&
        r.audience === 'adhérent' &&
        normalizeKey(r.service) === normalizeKey(rawText(row.service)) &&
        normalizeKey(r.step) === normalizeKey(rawText(row.step)),
    );
    if (!rule) continue;
    const uai = rawText(row.uai);
    if (isDue(rule, row.stepDate, reminderState(row), uai, today, policy)) {
      due.push({ rule, key: rawText(row.key), uai, service: rawText(row.key).split('|')[1] });
    }
  }
  return due;
}

/** When a tracking row's step has a delay in hours, the day those hours end. */
function hoursDeadline(
  row: Readonly<Record<string, CellValue>>,
  settings: Settings | undefined,
): { end: Date; hours: number } | undefined {
  const service = rawText(row.key).split('|')[1];
  if (!settings || !(row.stepDate instanceof Date) || !PATHS.some((p) => p.service === service))
    return undefined;
  const steps = stepsFor(service as TrackedService, row.schoolStatus);
  const step = steps[findStep(steps, row.step)];
  if (!step || !isHoursDelay(step)) return undefined;
  const end = step.delay && stepDeadline(step, row.stepDate, settings);
  return end ? { end, hours: settings.get(step.delay) } : undefined;
}

/** Lines of the coordinator's digest for the coordinator's own rules. */
export function coordinatorItems(
  rules: readonly ReminderRule[],
  data: {
    readonly tracking: readonly Readonly<Record<string, CellValue>>[];
    readonly members: readonly Readonly<Record<string, CellValue>>[];
    readonly requests: readonly Readonly<Record<string, CellValue>>[];
    readonly settings?: Settings;
  },
  today: Date,
): { rule: ReminderRule; items: string[] }[] {
  const out: { rule: ReminderRule; items: string[] }[] = [];
  for (const rule of rules.filter((r) => r.active && r.audience === 'coordonnateur')) {
    const items: string[] = [];
    const old = (since: CellValue, uai: string): number | undefined => {
      if (!(since instanceof Date)) return undefined;
      const days = workingDaysBetween(since, today, { moselle: isMoselle(uai) });
      return days >= rule.delay ? days : undefined;
    };
    const service = normalizeKey(rule.service);
    if (service === 'recensement') {
      for (const m of data.members) {
        const days =
          normalizeKey(rawText(m.dsState)) === normalizeKey(rule.step)
            ? old(m.depositDate, rawText(m.uai))
            : undefined;
        if (days !== undefined)
          items.push(
            `${rawText(m.uai)} ${rawText(m.name)} : « ${rawText(m.dsState)} » depuis ${days} jours ouvrés.`,
          );
      }
    } else if (service === 'demandes') {
      for (const r of data.requests) {
        const days =
          normalizeKey(rawText(r.status)) === normalizeKey(rule.step)
            ? old(r.date, rawText(r.uai))
            : undefined;
        if (days !== undefined)
          items.push(
            `${rawText(r.uai)} : « ${rawText(r.subject)} », sans réponse depuis ${days} jours ouvrés.`,
          );
      }
    } else {
      for (const t of data.tracking) {
        if (
          isDropped(t.subscription) ||
          normalizeKey(rawText(t.service)) !== service ||
          normalizeKey(rawText(t.step)) !== normalizeKey(rule.step)
        )
          continue;
        const hours = hoursDeadline(t, data.settings);
        if (hours) {
          // Counted in hours (Certigna's 72 hours): the rule's delay starts when they end.
          const days = old(hours.end, rawText(t.uai));
          if (days !== undefined && dayKey(today) > dayKey(hours.end))
            items.push(
              `${rawText(t.uai)} ${rawText(t.name)} : « ${rawText(t.step)} » le ${formatDateFr(t.stepDate as Date)} ; les ${hours.hours} heures ont pris fin le ${formatDateFr(hours.end)}.`,
            );
          continue;
        }
        const days = old(t.stepDate, rawText(t.uai));
        if (days !== undefined)
          items.push(
            `${rawText(t.uai)} ${rawText(t.name)} : « ${rawText(t.step)} » depuis ${days} jours ouvrés.`,
          );
      }
    }
    if (items.length > 0) out.push({ rule, items });
  }
  return out;
}
