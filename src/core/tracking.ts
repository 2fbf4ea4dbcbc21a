// The tracking sheet "Suivi": one row per member and subscribed service (and one for the
// convention), created from the accepted census; the step is the coordinator's, the status, next
// action, actor and lateness are computed. A dropped subscription is flagged, never deleted.

import { type CalendarOptions, isMoselle, workingDaysBetween } from './calendar';
import {
  ACTOR_LABELS,
  PATHS,
  pathOf,
  type SchoolStatus,
  schoolStatusOf,
  type Step,
  stepDeadline,
  type TrackedService,
} from './catalogue';
import { dsStateOf, type RowResult } from './census';
import { UserError } from './errors';
import type { CellValue } from './schema';
import { SERVICES } from './services';
import type { Settings } from './settings';
import { formatDateFr, normalizeKey, rawText } from './text';
import { checkUai } from './uai';

export type TrackingStatus =
  'todo' | 'in_progress' | 'late' | 'active' | 'dropped' | 'invalid' | 'blank';

export const TRACKING_STATUS: Readonly<Record<TrackingStatus, { label: string; color: string }>> = {
  /** Nothing started yet: no colour, so the dashboard paints only what has moved or is late. */
  todo: { label: 'À lancer', color: '#ffffff' },
  in_progress: { label: 'En cours', color: '#fff2cc' },
  late: { label: 'En retard', color: '#f4cccc' },
  active: { label: 'Actif', color: '#d9ead3' },
  dropped: { label: 'Retrait à confirmer', color: '#b7b7b7' },
  invalid: { label: 'Étape incohérente', color: '#fce5cd' },
  /** A blank row the coordinator inserted: it gets no tool text. */
  blank: { label: '', color: '#ffffff' },
};

/** Columns the refresh computes: what they hold does not make a row "filled". */
const COMPUTED_KEYS: ReadonlySet<string> = new Set([
  'status',
  'nextAction',
  'actor',
  'lateDays',
  'subscription',
]);

/** A row with nothing typed in it (a blank row inserted into the sheet). */
export function isBlankTrackingRow(cells: Readonly<Record<string, CellValue>>): boolean {
  return Object.entries(cells).every(
    ([key, value]) =>
      COMPUTED_KEYS.has(key) ||
      value === null ||
      value === undefined ||
      (typeof value === 'string' && value.trim() === ''),
  );
}

export const SUBSCRIBED = 'Recensé';
/**
 * A service no longer in the accepted census (dropped by a re-import, or a dossier « Classé sans
 * suite »): a submitted census commits the school and only force majeure allows withdrawing (the
 * guide), so the row is flagged for the coordinator's decision, never silently withdrawn.
 */
export const DROPPED = 'Retrait : force majeure à confirmer';
/** The flag's label in earlier versions of the tool. */
const FORMER_DROPPED = 'Retiré du recensement';

export const isDropped = (value: CellValue): boolean => {
  const text = rawText(value);
  return text === DROPPED || text === FORMER_DROPPED;
};

export interface TrackingMember {
  readonly uai: string;
  readonly dossier: string;
  readonly name: string;
  readonly status: SchoolStatus;
  readonly wave: string;
  readonly services: readonly TrackedService[];
  readonly conventionSigned: boolean;
  /** The members sheet says « Manuscrite »: not taken into account (the guide). */
  readonly conventionHandwritten?: boolean;
}

/** Members whose census counts: accepted on DS, with a valid UAI held by no other row. */
export function trackedMembers(
  rows: readonly { row: number; cells: Readonly<Record<string, CellValue>> }[],
  results: readonly RowResult[],
): TrackingMember[] {
  const byRow = new Map(results.map((r) => [r.row, r]));
  const members: TrackingMember[] = [];
  for (const row of rows) {
    const result = byRow.get(row.row);
    const uai = checkUai(row.cells.uai);
    if (!result || uai.problem || dsStateOf(row.cells.dsState) !== 'Accepté') continue;
    if (result.issues.some((i) => i.code === 'UAI_DUPLICATE')) continue;
    const convention = normalizeKey(rawText(row.cells.convention));
    members.push({
      uai: uai.normalized,
      dossier: rawText(row.cells.dossier).trim(),
      name: rawText(row.cells.name),
      status: schoolStatusOf(row.cells.status),
      wave: rawText(row.cells.wave),
      services: [
        'convention',
        ...SERVICES.filter((s) => {
          const q = row.cells[`qty_${s.id}`];
          return typeof q === 'number' && q > 0;
        }).map((s) => s.id),
      ],
      conventionSigned: ['signeeenligne', 'signeenligne'].includes(convention),
      conventionHandwritten: convention.includes('manuscrit') || convention === 'papier',
    });
  }
  return members;
}

export const trackingKey = (uai: string, service: TrackedService): string => `${uai}|${service}`;

export function stepsFor(service: TrackedService, schoolStatus: CellValue): readonly Step[] {
  return pathOf(service).steps(schoolStatusOf(schoolStatus));
}

/** Index of a step typed with any case, accents or spacing ("a transmettre"), or its id; -1 if none. */
export function findStep(steps: readonly Step[], label: CellValue): number {
  const key = normalizeKey(rawText(label));
  const index = steps.findIndex((s) => normalizeKey(s.label) === key || s.id === rawText(label));
  if (index >= 0 || key === '') return index;
  return steps.findIndex((s) => (s.formerLabels ?? []).some((f) => normalizeKey(f) === key));
}

export function serviceOf(cells: Readonly<Record<string, CellValue>>): TrackedService | undefined {
  const fromKey = rawText(cells.key).split('|')[1];
  return PATHS.find((p) => p.service === fromKey)?.service;
}

export interface Computed {
  readonly status: TrackingStatus;
  readonly nextAction: string;
  readonly actor: string;
  readonly lateDays: number | '';
}

/** Status, next action, actor and lateness of one tracking row on `today`. */
export function computeRow(
  cells: Readonly<Record<string, CellValue>>,
  settings: Settings,
  today: Date,
  calendar: Omit<CalendarOptions, 'moselle'> = {},
): Computed {
  if (isBlankTrackingRow(cells))
    return { status: 'blank', nextAction: '', actor: '', lateDays: '' };
  const service = serviceOf(cells);
  if (!service)
    return {
      status: 'invalid',
      nextAction: 'Clé de ligne inconnue : ligne créée à la main ?',
      actor: '',
      lateDays: '',
    };
  const steps = stepsFor(service, cells.schoolStatus);
  const index = findStep(steps, cells.step);
  const dropped = isDropped(cells.subscription);
  if (index < 0) {
    const labels = steps.map((s) => s.label).join(', ');
    return {
      status: dropped ? 'dropped' : 'invalid',
      nextAction: `Étape « ${rawText(cells.step)} » inconnue pour ce service : choisissez ${labels}.`,
      actor: ACTOR_LABELS.coordinator,
      lateDays: '',
    };
  }
  const step = steps[index];
  const nextAction = step.next(settings.text);
  if (dropped)
    return {
      status: 'dropped',
      nextAction: `Retrait : force majeure à confirmer. Le recensement déposé engage l’établissement : sans force majeure, il reste engagé et facturé ; décidez avec lui (étape atteinte : ${steps[index].label}).`,
      actor: ACTOR_LABELS.coordinator,
      lateDays: '',
    };
  if (index === steps.length - 1) return { status: 'active', nextAction, actor: '', lateDays: '' };
  const actor = ACTOR_LABELS[step.actor];
  let lateDays: number | '' = '';
  if (cells.stepDate instanceof Date) {
    const options = { ...calendar, moselle: isMoselle(rawText(cells.uai)) };
    const due = stepDeadline(step, cells.stepDate, settings, options);
    const late = due ? workingDaysBetween(due, today, options) : 0;
    if (late > 0) lateDays = late;
  }
  const status: TrackingStatus = lateDays !== '' ? 'late' : index === 0 ? 'todo' : 'in_progress';
  return { status, nextAction, actor, lateDays };
}

export interface TrackingRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

export interface TrackingPlan {
  /** Identity and subscription columns of every existing row, in sheet order. */
  readonly identity: readonly Readonly<Record<string, CellValue>>[];
  readonly appends: readonly Record<string, CellValue>[];
  readonly created: number;
  readonly dropped: number;
  /**
   * Convention rows whose step disagrees with the members sheet's « Convention » column, with the
   * step, date and history to write (index in `identity`).
   */
  readonly conventionMoves: readonly {
    readonly index: number;
    readonly step: string;
    readonly stepDate: Date;
    readonly history: string;
  }[];
}

/**
 * The convention row follows the members sheet on every refresh: « Signée en ligne » is the last
 * step; a handwritten convention (not taken into account, the guide) is never shown as signed by
 * both parties: it goes back to sending the online form. « En attente » leaves the coordinator's
 * step as it is (the counter-signature may be recorded before the column is updated).
 */
function conventionMove(
  cells: Readonly<Record<string, CellValue>>,
  member: TrackingMember,
  today: Date,
): { step: string; stepDate: Date; history: string } | undefined {
  const steps = stepsFor('convention', member.status);
  const at = findStep(steps, cells.step);
  const last = steps.length - 1;
  let target: number | undefined;
  let why = '';
  if (member.conventionSigned && at !== last) {
    target = last;
    why = 'colonne « Convention » : signée en ligne';
  } else if (member.conventionHandwritten && at === last) {
    target = 0;
    why =
      'colonne « Convention » : manuscrite, non prise en compte ; signature en ligne nécessaire';
  }
  if (target === undefined) return undefined;
  const line = `${formatDateFr(today)} : ${steps[target].label} (${why})`;
  const previous = rawText(cells.history);
  // Written before the step: a refresh interrupted in between writes the same line only once.
  const lines = previous.split('\n');
  const written = lines[lines.length - 1] === line;
  return {
    history: written ? previous : appendHistory(previous, line),
    stepDate: today,
    step: steps[target].label,
  };
}

/** Rows to add and identity updates, from the members whose census counts. */
export function planTracking(
  members: readonly TrackingMember[],
  existing: readonly TrackingRow[],
  today: Date,
): TrackingPlan {
  const wanted = new Map<string, { member: TrackingMember; service: TrackedService }>();
  for (const member of members) {
    for (const service of member.services)
      wanted.set(trackingKey(member.uai, service), { member, service });
  }
  const present = new Set(existing.map((row) => rawText(row.cells.key)));
  // A UAI corrected in the members sheet: the rows of that dossier follow the member, with their step.
  const byDossier = new Map<string, { member: TrackingMember; service: TrackedService }>();
  for (const target of wanted.values())
    if (target.member.dossier !== '')
      byDossier.set(`${target.member.dossier}|${target.service}`, target);
  let dropped = 0;
  const conventionMoves: {
    index: number;
    step: string;
    stepDate: Date;
    history: string;
  }[] = [];
  const identity = existing.map((row, index) => {
    const key = rawText(row.cells.key);
    let target = wanted.get(key);
    const dossier = rawText(row.cells.dossier).trim();
    const service = key.split('|')[1];
    const moved = !target && dossier !== '' ? byDossier.get(`${dossier}|${service}`) : undefined;
    if (moved) {
      const newKey = trackingKey(moved.member.uai, moved.service);
      if (!present.has(newKey)) {
        present.add(newKey);
        target = moved;
      }
    }
    if (!target) {
      if (key !== '') dropped++;
      return { ...pick(row.cells), subscription: key === '' ? '' : DROPPED };
    }
    if (target.service === 'convention') {
      const move = conventionMove(row.cells, target.member, today);
      if (move) conventionMoves.push({ index, ...move });
    }
    return { ...identityOf(target.member, target.service), subscription: SUBSCRIBED };
  });
  const appends: Record<string, CellValue>[] = [];
  for (const [key, { member, service }] of wanted) {
    if (present.has(key)) continue;
    const steps = stepsFor(service, member.status);
    const first =
      service === 'convention' && member.conventionSigned ? steps[steps.length - 1] : steps[0];
    appends.push({
      ...identityOf(member, service),
      step: first.label,
      stepDate: today,
      history: `${formatDateFr(today)} : ${first.label}`,
      comment: '',
      subscription: SUBSCRIBED,
    });
  }
  return { identity, appends, created: appends.length, dropped, conventionMoves };
}

/** The columns that say which member and service a Suivi row is about (rewritten by a refresh). */
export const IDENTITY_KEYS = [
  'key',
  'uai',
  'dossier',
  'name',
  'service',
  'provider',
  'schoolStatus',
  'wave',
] as const;

function pick(cells: Readonly<Record<string, CellValue>>): Record<string, CellValue> {
  return Object.fromEntries(IDENTITY_KEYS.map((k) => [k, cells[k] ?? '']));
}

function identityOf(member: TrackingMember, service: TrackedService): Record<string, CellValue> {
  const path = pathOf(service);
  return {
    key: trackingKey(member.uai, service),
    uai: member.uai,
    dossier: member.dossier,
    name: member.name,
    service: path.label,
    provider: path.provider,
    schoolStatus: member.status,
    wave: member.wave,
  };
}

export class StepError extends UserError {}

/** A row's history with one more line (the history is one line per step change). */
export const appendHistory = (history: string, line: string): string =>
  history === '' ? line : `${history}\n${line}`;

/**
 * Records a step reached on a row. Going back is refused; skipping ahead records the skipped steps
 * in the history. Returns the new step, date and history cells.
 */
export function recordStep(
  cells: Readonly<Record<string, CellValue>>,
  stepId: string,
  date: Date,
): { step: string; stepDate: Date; history: string; skipped: string[] } {
  const service = serviceOf(cells);
  if (!service) throw new StepError('Ligne de suivi inconnue.');
  const steps = stepsFor(service, cells.schoolStatus);
  const target = steps.findIndex(
    (s) => s.id === stepId || normalizeKey(s.label) === normalizeKey(stepId),
  );
  const label = pathOf(service).label;
  if (target < 0) {
    const status = rawText(cells.schoolStatus) || 'statut inconnu';
    throw new StepError(
      `L’étape « ${stepId} » n’existe pas pour ${label} (${status}) : étapes possibles : ${steps.map((s) => s.label).join(', ')}.`,
    );
  }
  const current = findStep(steps, cells.step);
  if (current > target) {
    throw new StepError(
      `${label} : l’étape « ${steps[target].label} » précède l’étape actuelle « ${steps[current].label} » ; une étape ne revient pas en arrière (notez plutôt un commentaire).`,
    );
  }
  const skipped = steps.slice(current + 1, target).map((s) => s.label);
  const line = `${formatDateFr(date)} : ${steps[target].label}${skipped.length ? ` (étapes sautées : ${skipped.join(', ')})` : ''}`;
  const previous = rawText(cells.history);
  return {
    step: steps[target].label,
    stepDate: date,
    history: appendHistory(previous, line),
    skipped,
  };
}
