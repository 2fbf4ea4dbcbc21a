// "Actualiser le suivi et le tableau de bord": creates and updates the "Suivi" rows from the census,
// computes each row's status, next action, actor and lateness, then rewrites the dashboard. Also
// records a step (form) and stamps the date of a step changed by hand (edit trigger).

import { startOfDay } from '../core/calendar';
import { validateCensus } from '../core/census';
import { PATHS, type TrackedService } from '../core/catalogue';
import { SERVICES } from '../core/services';
import { dashboardLayout, dashboardModel, type DashboardModel } from '../core/dashboard';
import { type CellValue, matchHeaders } from '../core/schema';
import type { StepRequest } from '../shared/api';
import { MEMBERS_SHEET } from '../core/workbook/members';
import { formatDateFr, formatNumberFr, normalizeKey, plural, rawText } from '../core/text';
import {
  appendHistory,
  computeRow,
  IDENTITY_KEYS,
  planTracking,
  recordStep,
  stepsFor,
  TRACKING_STATUS,
  trackedMembers,
  trackingKey,
  type TrackingMember,
  type TrackingPlan,
} from '../core/tracking';
import { TRACKING_SHEET } from '../core/workbook/tracking';
import { checkUai } from '../core/uai';
import { writeDashboard } from '../gas/dashboard-sheet';
import { Journal } from '../gas/journal';
import { withDocumentLock } from '../gas/lock';
import type { Settings } from '../core/settings';
import { loadSettings, settingsWithReport } from '../gas/settings-store';
import { UserError } from '../core/errors';
import {
  appendRecords,
  ensureRows,
  readColumns,
  readTable,
  type Table,
  toCell,
  updateCells,
  writeChangedColumns,
  writeRowCells,
} from '../gas/table';
import { censusContextOf } from './census-validation';

export type { StepRequest };

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const TRACKING_TEXT = {
  title: 'Actualiser le suivi et le tableau de bord',
  started: 'Actualisation du suivi et du tableau de bord…',
  done: (created: number, dropped: number, late: number) =>
    `Suivi à jour : ${plural(created, 'ligne créée', 'lignes créées')}, ${plural(dropped, 'abonnement retiré', 'abonnements retirés')}, ${formatNumberFr(late)} en retard.`,
  journalAction: 'Actualisation du suivi',
  stepJournal: 'Étape enregistrée',
} as const;

/** The steps a row's dropdown offers ('' for a row of no known service). */
function stepChoices(cells: Readonly<Record<string, CellValue>>): string {
  const service = rawText(cells.key).split('|')[1] as TrackedService;
  if (!PATHS.some((p) => p.service === service)) return '';
  return stepsFor(service, cells.schoolStatus)
    .map((s) => s.label)
    .join('|');
}

/** One dropdown rule per activation path (a handful), reused for every row. */
function stepRules(
  rows: readonly Readonly<Record<string, CellValue>>[],
): GoogleAppsScript.Spreadsheet.DataValidation[][] {
  const rules = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
  return rows.map((cells) => {
    const id = stepChoices(cells);
    if (id === '') return [null as unknown as GoogleAppsScript.Spreadsheet.DataValidation];
    const steps = id.split('|');
    let rule = rules.get(id);
    if (!rule) {
      rule = SpreadsheetApp.newDataValidation()
        .requireValueInList(steps, true)
        .setAllowInvalid(true)
        .build();
      rules.set(id, rule);
    }
    return [rule];
  });
}

export interface TrackingOutcome {
  readonly created: number;
  readonly dropped: number;
  readonly rows: number;
  readonly late: number;
  readonly active: number;
  /** Configuration problems (Paramètres, Relances, Calendrier), located, in French. */
  readonly configuration?: readonly string[];
}

/** The members' columns the refresh uses: who is tracked, for which services, with what identity. */
const MEMBER_KEYS = [
  'uai',
  'dossier',
  'name',
  'status',
  'wave',
  'dsState',
  'convention',
  ...SERVICES.map((s) => `qty_${s.id}`),
];

/**
 * The columns a Suivi row's key alone decides (its UAI, service and provider): read, compared and
 * written only when a row's key changes (a UAI corrected in the members sheet); new rows get them.
 */
const KEY_DERIVED = ['uai', 'service', 'provider'];

/**
 * The Suivi columns every refresh compares or computes from. The history is read only when a
 * convention row moves (it gets a line), the key-derived columns only when a key changes; the
 * comment and the reminder columns are never read.
 */
const TRACKING_KEYS = [
  ...IDENTITY_KEYS.filter((k) => !KEY_DERIVED.includes(k)),
  'step',
  'stepDate',
  'status',
  'nextAction',
  'actor',
  'lateDays',
  'subscription',
];

/** The rows to track, planned against Suivi; reads more columns only when the plan needs them. */
function readAndPlan(
  spreadsheet: Spreadsheet,
  members: readonly TrackingMember[],
  today: Date,
): { tracking: Table; plan: TrackingPlan } {
  let tracking = readColumns(spreadsheet, TRACKING_SHEET, TRACKING_KEYS);
  let plan = planTracking(members, tracking.rows, today);
  const extra = [
    ...(plan.conventionMoves.length > 0 ? ['history'] : []),
    ...(plan.identity.some((id, i) => id.key !== tracking.rows[i].cells.key) ? KEY_DERIVED : []),
  ];
  if (extra.length === 0) return { tracking, plan };
  const more = readColumns(spreadsheet, TRACKING_SHEET, ['key', ...extra]);
  const same =
    more.rows.length === tracking.rows.length &&
    more.rows.every((r, i) => r.cells.key === tracking.rows[i].cells.key);
  if (same) {
    tracking = {
      ...tracking,
      rows: tracking.rows.map((r, i) => ({
        row: r.row,
        cells: { ...r.cells, ...more.rows[i].cells },
      })),
      read: new Set([...(tracking.read ?? []), ...extra]),
    };
  } else {
    // Rows moved between the two reads (a sort): read again, everything the plan may need at once.
    tracking = readColumns(spreadsheet, TRACKING_SHEET, [
      ...TRACKING_KEYS,
      'history',
      ...KEY_DERIVED,
    ]);
  }
  plan = planTracking(members, tracking.rows, today);
  return { tracking, plan };
}

/** The refresh itself; the caller holds the document lock (and may pass the settings it read). */
export function refreshUnlocked(
  spreadsheet: Spreadsheet,
  settings: Settings = loadSettings(spreadsheet).settings,
): TrackingOutcome {
  const today = new Date();
  const members = readColumns(spreadsheet, MEMBERS_SHEET, MEMBER_KEYS, ['uai']);
  const results = validateCensus(members.rows, censusContextOf(settings));
  const { tracking, plan } = readAndPlan(spreadsheet, trackedMembers(members.rows, results), today);

  const existing = tracking.rows.map((row, i) => ({ ...row.cells, ...plan.identity[i] }));
  // Convention rows follow the members sheet's « Convention » column: only those cells are written.
  updateCells(
    tracking,
    plan.conventionMoves.flatMap(({ index, ...cells }) => {
      Object.assign(existing[index], cells);
      const row = tracking.rows[index].row;
      return Object.entries(cells).map(([key, value]) => ({ row, key, value }));
    }),
  );
  const computed = existing.map((cells) => computeRow(cells, settings, today));
  const columns: Record<string, CellValue[]> = {};
  for (const key of IDENTITY_KEYS) {
    if (tracking.read?.has(key) === false) continue; // key-derived, no key changed
    columns[key] = existing.map((cells) => cells[key] ?? '');
  }
  columns.status = computed.map((c) => TRACKING_STATUS[c.status].label);
  columns.nextAction = computed.map((c) => c.nextAction);
  columns.actor = computed.map((c) => c.actor);
  columns.lateDays = computed.map((c) => c.lateDays);
  columns.subscription = existing.map((cells) => cells.subscription ?? '');
  const appendedStatus = plan.appends.map((cells) => computeRow(cells, settings, today));
  const appended = plan.appends.map((cells, i) => ({
    ...cells,
    status: TRACKING_STATUS[appendedStatus[i].status].label,
    nextAction: appendedStatus[i].nextAction,
    actor: appendedStatus[i].actor,
    lateDays: appendedStatus[i].lateDays,
  }));
  const all = [
    ...existing.map((cells, i) => ({ cells, status: computed[i].status })),
    ...appended.map((cells, i) => ({ cells, status: appendedStatus[i].status })),
  ];
  // The dropdowns of new rows, and of every row when one row's choices changed (service or public /
  // private status), in one call, before the values: a run killed in between sets them again.
  const changedChoices = tracking.rows.some(
    (r, i) => stepChoices(r.cells) !== stepChoices(existing[i]),
  );
  const from = changedChoices ? 0 : existing.length;
  if (all.length > from) {
    ensureRows(tracking.sheet, existing.length + 1, appended.length);
    tracking.sheet
      .getRange(2 + from, tracking.positions.get('step') as number, all.length - from, 1)
      .setDataValidations(stepRules(all.slice(from).map((r) => r.cells)));
  }
  // Only the cells that change: a refresh on an unchanged census writes nothing in Suivi.
  writeChangedColumns(tracking, columns);
  // Identity, step and history in one call; the computed columns after, which the next run writes
  // on rows left without them.
  appendRecords(tracking, appended, {
    filledColumnsOnly: true,
    completedLater: ['status', 'nextAction', 'actor', 'lateDays', 'subscription'],
  });
  writeDashboard(spreadsheet, dashboardLayout(dashboardModel(all, today)));
  return {
    created: plan.created,
    dropped: plan.dropped,
    rows: all.length,
    late: all.filter((r) => r.status === 'late').length,
    active: all.filter((r) => r.status === 'active').length,
  };
}

export function refreshTracking(spreadsheet: Spreadsheet): TrackingOutcome {
  return withDocumentLock(() => {
    spreadsheet.toast(TRACKING_TEXT.started, TRACKING_TEXT.title);
    // "Paramètres" read once, for the refresh and for the configuration report.
    const { settings, report } = settingsWithReport(spreadsheet);
    const outcome = { ...refreshUnlocked(spreadsheet, settings), configuration: report };
    const journal = new Journal();
    journal.add(
      TRACKING_TEXT.journalAction,
      [
        TRACKING_TEXT.done(outcome.created, outcome.dropped, outcome.late),
        ...outcome.configuration,
      ].join(' '),
      outcome.rows,
    );
    journal.flush(spreadsheet);
    spreadsheet.toast(
      TRACKING_TEXT.done(outcome.created, outcome.dropped, outcome.late),
      TRACKING_TEXT.title,
    );
    return outcome;
  });
}

/** The dashboard's data, for the command line's static page. */
export function dashboardData(spreadsheet: Spreadsheet): DashboardModel {
  const { settings } = loadSettings(spreadsheet);
  const tracking = readTable(spreadsheet, TRACKING_SHEET);
  const today = new Date();
  return dashboardModel(
    tracking.rows.map((row) => ({
      cells: row.cells,
      status: computeRow(row.cells, settings, today).status,
    })),
    today,
  );
}

function parseIsoDay(text: string | undefined): Date {
  if (!text) {
    return startOfDay(new Date());
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
  if (!date || date.getDate() !== Number(m?.[3]))
    throw new UserError(`Date « ${text} » invalide : attendu AAAA-MM-JJ.`);
  return date;
}

/** Records a step from the form, then refreshes the tracking and the dashboard. */
export function recordTrackingStep(spreadsheet: Spreadsheet, request: StepRequest): string {
  const uai = checkUai(request.uai);
  if (uai.problem) throw new UserError(`UAI « ${String(request.uai).slice(0, 20)} » invalide.`);
  const path = PATHS.find(
    (p) =>
      p.service === request.service ||
      normalizeKey(p.label) === normalizeKey(String(request.service)),
  );
  if (!path) throw new UserError(`Service « ${String(request.service).slice(0, 40)} » inconnu.`);
  const date = parseIsoDay(request.date);
  return withDocumentLock(() => {
    const tracking = readTable(spreadsheet, TRACKING_SHEET);
    const key = trackingKey(uai.normalized, path.service);
    const row = tracking.rows.find((r) => rawText(r.cells.key) === key);
    if (!row) {
      throw new UserError(
        `Aucune ligne de suivi pour ${uai.normalized} — ${path.label} : le service est-il recensé et le recensement accepté ? Lancez « ${TRACKING_TEXT.title} ».`,
      );
    }
    // A StepError is a message for the coordinator as it is.
    const change = recordStep(row.cells, request.step, date);
    const cells: Record<string, CellValue> = {
      step: change.step,
      stepDate: change.stepDate,
      history: change.history,
    };
    if (request.comment !== undefined && request.comment !== '')
      cells.comment = String(request.comment).slice(0, 1000);
    writeRowCells(tracking, row.row, cells);
    refreshUnlocked(spreadsheet);
    const message = `${uai.normalized} — ${path.label} : « ${change.step} » le ${formatDateFr(date)}${change.skipped.length ? ` (étapes sautées : ${change.skipped.join(', ')})` : ''}.`;
    const journal = new Journal();
    journal.add(TRACKING_TEXT.stepJournal, message, 1);
    journal.flush(spreadsheet);
    return message;
  });
}

/**
 * Edit trigger (simple): when the coordinator changes "Étape" in "Suivi" by hand, stamps the date
 * and appends to the history. Returns after two calls when another sheet is edited.
 */
export function stampEditedSteps(range: GoogleAppsScript.Spreadsheet.Range): void {
  const sheet = range.getSheet();
  if (sheet.getName() !== TRACKING_SHEET.name) return;
  const [row, column, rows, columns] = [
    range.getRow(),
    range.getColumn(),
    range.getNumRows(),
    range.getNumColumns(),
  ];
  if (row < 2) return;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  const { positions } = matchHeaders(TRACKING_SHEET, header);
  const step = positions.get('step') ?? 0;
  if (step < column || step > column + columns - 1) return;
  // The date and history columns follow the step column unless the coordinator moved them.
  if (positions.get('stepDate') !== step + 1 || positions.get('history') !== step + 2) return;
  const day = startOfDay(new Date());
  const lines = sheet.getRange(row, 1, rows, sheet.getLastColumn()).getValues();
  const cellOf = (line: CellValue[], key: string): CellValue =>
    line[(positions.get(key) ?? 0) - 1] ?? '';
  let refused = false;
  const stamped = lines.map((line) => {
    const label = cellOf(line, 'step');
    const date = cellOf(line, 'stepDate');
    const past = rawText(cellOf(line, 'history'));
    if (rawText(label) === '') return [label, date, past];
    // Going back is refused, as the step form refuses it: the step reached before stays.
    const previous = stepBefore(line, positions, past);
    const target = previous?.steps.findIndex(
      (s) => normalizeKey(s.label) === normalizeKey(rawText(label)),
    );
    if (previous && target !== undefined && target >= 0 && target < previous.index) {
      refused = true;
      return [previous.steps[previous.index].label, date, past];
    }
    const entry = `${formatDateFr(day)} : ${rawText(label)}`;
    return [label, day, toCell(appendHistory(past, entry))];
  });
  if (refused) sheet.getRange(row, step, rows, 3).setValues(stamped);
  else sheet.getRange(row, step + 1, rows, 2).setValues(stamped.map((l) => l.slice(1)));
}

/** The step a row had reached before an edit, from the last line of its history. */
function stepBefore(
  line: CellValue[],
  positions: ReadonlyMap<string, number>,
  history: string,
): { steps: readonly { label: string }[]; index: number } | undefined {
  const key = rawText(line[(positions.get('key') ?? 0) - 1] ?? '');
  const service = PATHS.find((p) => p.service === key.split('|')[1])?.service;
  if (!service || history === '') return undefined;
  const steps = stepsFor(service, line[(positions.get('schoolStatus') ?? 0) - 1] ?? '');
  const last = history.split('\n').pop() ?? '';
  const label = last.replace(/^\d{2}\/\d{2}\/\d{4} : /, '').replace(/ \(étapes sautées.*$/, '');
  const index = steps.findIndex((s) => normalizeKey(s.label) === normalizeKey(label));
  return index < 0 ? undefined : { steps, index };
}
