// The mail merge: plans messages into the "Envois" ledger, then sends what is planned, at most once,
// within the daily quota and the run-time limit, and continues later through a one-off trigger.
//
// The ledger is the truth, keyed by message identity (never by row number). Before a message is
// sent its row is found again by its identity and marked "envoi en cours", and the mark is flushed;
// the outcome of the previous message goes in the same write when the rows are adjacent. A run
// killed at any moment leaves at most one row "envoi en cours", which the next run turns into
// "à vérifier": never resent. Sorting, inserting or deleting ledger rows during a run never moves a
// status to another message. What a message does to the Suivi (a transmission moves the schools on,
// the convention form moves its row on, a reminder is counted) is applied from the ledger, once,
// before anything is planned: a run killed between a send and its effect never leads to a resend.

import {
  buildDigest,
  type CampaignPlan,
  type DueReminderRef,
  type InstructionsFilter,
  type MergeData,
  planInstructions,
  planReminders,
  planTransmissions,
  rebuildMessage,
} from '../core/campaigns';
import { issuesText, validateCensus } from '../core/census';
import {
  MAIL_STATUS,
  mailStatusOf,
  parseMessageId,
  recipientCount,
  splitAddresses,
} from '../core/ledger';
import { ledgerRecord, type OutgoingMessage } from '../core/messages';
import { LEDGER_SHEET } from '../core/workbook/ledger';
import { type CellValue, columnKeys } from '../core/schema';
import { isEmailAddress } from '../core/settings';
import { MEMBERS_SHEET } from '../core/workbook/members';
import { templateFrom } from '../core/templates';
import { TEMPLATES_SHEET } from '../core/workbook/templates';
import { type DayRange, startOfDay } from '../core/calendar';
import { describeProblem } from '../core/config-check';
import { REQUESTS_SHEET } from '../core/workbook/requests';
import { plural, rawText } from '../core/text';
import { computeRow } from '../core/tracking';
import { TRACKING_SHEET } from '../core/workbook/tracking';
import { Journal } from '../gas/journal';
import { currentRows, StatusWriter, statusColumns } from '../gas/ledger-writer';
import { withDocumentLock } from '../gas/lock';
import { deleteFiringTrigger, scheduleContinuation } from '../gas/triggers';
import { sendMail } from '../gas/mail';
import { loadConfiguration, senderProblems as senderProblemsOf } from '../gas/settings-store';
import { UserError } from '../core/errors';
import { appendRecords, readColumns, readTable, updateCells } from '../gas/table';
import { censusContextOf } from './census-validation';
import { applyEffects } from './sent-effects';
import { refreshUnlocked } from './tracking';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Stop sending after this much run time, leaving a margin before Apps Script's 6 minutes. */
export const MERGE_BUDGET_MS = 4 * 60 * 1000;

/** When this execution started: each Apps Script execution loads the script afresh. */
const EXECUTION_START = Date.now();
export const CONTINUE_HANDLER = 'continueMerge';
const MERGE_LOCK_MS = 5000;
/** After a quota stop: Google's quota comes back 24 hours after the first send, so try hourly. */
const QUOTA_RETRY_MS = 60 * 60 * 1000;
const TIME_RETRY_MS = 60 * 1000;
const BUSY_RETRY_MS = 2 * 60 * 1000;

export const MERGE_TEXT = {
  busy: 'Un envoi est déjà en cours sur ce classeur : il reprendra seul. Réessayez dans quelques minutes.',
  journal: 'Envois',
  quota: (waiting: number, quota: number) =>
    `Quota d’envoi du jour atteint (${plural(quota, 'destinataire restant', 'destinataires restants')}) : ${plural(waiting, 'message attend', 'messages attendent')} ; l’outil réessaie chaque heure jusqu’au retour du quota (24 heures après le premier envoi).`,
  time: (waiting: number) =>
    `Temps d’exécution presque écoulé : ${plural(waiting, 'message restant partira', 'messages restants partiront')} dans une minute.`,
  check:
    'Envoi interrompu pendant l’envoi de ce message : vérifiez dans « Messages envoyés » s’il est parti, puis choisissez « envoyé » (parti) ou « planifié » (à envoyer).',
  duplicate: (rows: readonly number[]) =>
    `Identifiant en double (lignes ${rows.join(', ')}) : rien n’est envoyé pour ce message ; supprimez la ligne en trop.`,
  unknownStatus: (status: string) =>
    `Statut « ${status} » inconnu : choisissez « planifié », « envoi en cours », « envoyé », « erreur » ou « à vérifier ». Cette ligne n’est pas envoyée.`,
  badRecipients: (text: string) =>
    `Destinataires « ${text} » invalides dans la feuille Envois : corrigez-les (une adresse valide par destinataire), puis choisissez « planifié ».`,
  settings: 'Rien n’a été envoyé : des paramètres qui décident des destinataires sont invalides.',
} as const;

/** The merge data as read, with what the feature needs besides the core's view. */
export type LoadedMerge = MergeData & {
  /** Settings that decide who gets mail and are invalid: they stop every merge. */
  readonly mailProblems: readonly string[];
  /** Those every message depends on (test mode, coordinator, reply-to). */
  readonly senderProblems: readonly string[];
  /** The school holidays of "Calendrier", checked. */
  readonly holidays: readonly DayRange[];
  /** Bad values that stop the daily reminders (rules, calendar, hour, pause), located. */
  readonly reminderProblems: readonly string[];
};

/**
 * The Suivi columns campaigns, reminders and the digest use (templates see the step, its date and
 * the next action, which is computed): the history, the comment and the computed columns are not
 * read.
 */
const MERGE_TRACKING_KEYS = [
  'key',
  'uai',
  'name',
  'service',
  'schoolStatus',
  'wave',
  'step',
  'stepDate',
  'subscription',
  'reminderRule',
  'reminderCount',
  'reminderLast',
];
const ALL_TRACKING = columnKeys(TRACKING_SHEET);
const ALL_LEDGER = columnKeys(LEDGER_SHEET);
/** The ledger columns planning and the digest use (what is there, with its status and day). */
const PLANNING_LEDGER_KEYS = ['id', 'content', 'status', 'time'];

/** Everything a campaign needs, each sheet read once, only the columns it uses. */
export function loadMergeData(spreadsheet: Spreadsheet): LoadedMerge {
  const config = loadConfiguration(spreadsheet);
  const { settings } = config;
  const mailProblems = config.problems.filter((p) => p.effect === 'mail').map(describeProblem);
  const senderProblems = senderProblemsOf(config.problems);
  const memberTable = readTable(spreadsheet, MEMBERS_SHEET);
  const members = memberTable.rows.map((r) => r.cells);
  const today = startOfDay(new Date());
  // The next action as the refresh computes it (templates may show it): not read from the sheet.
  const tracking = readColumns(
    spreadsheet,
    TRACKING_SHEET,
    MERGE_TRACKING_KEYS,
    ALL_TRACKING,
  ).rows.map((r) => ({ ...r.cells, nextAction: computeRow(r.cells, settings, today).nextAction }));
  const templates = readTable(spreadsheet, TEMPLATES_SHEET)
    .rows.map((r) => templateFrom(r.cells))
    .filter((t) => t.id !== '');
  const configured = rawText(settings.get('coordonnateur.email'));
  const coordinator = configured || Session.getEffectiveUser().getEmail();
  const optional = (
    spec: typeof REQUESTS_SHEET,
    keys: readonly string[] = columnKeys(spec),
  ): Readonly<Record<string, CellValue>>[] =>
    spreadsheet.getSheetByName(spec.name)
      ? readColumns(spreadsheet, spec, keys, columnKeys(spec)).rows.map((r) => r.cells)
      : [];
  const blocked = new Map<string, string>();
  for (const result of validateCensus(memberTable.rows, censusContextOf(settings))) {
    if (result.status !== 'blocking' || result.uai === '') continue;
    const issues = result.issues.filter((i) => i.severity === 'bloquant');
    blocked.set(result.uai.toUpperCase(), issuesText(issues));
  }
  return {
    members,
    tracking,
    templates,
    settings,
    coordinator,
    rules: config.rules,
    holidays: config.holidays,
    reminderProblems: config.reminderProblems,
    requests: optional(REQUESTS_SHEET),
    ledger: optional(LEDGER_SHEET, PLANNING_LEDGER_KEYS),
    blocked,
    today,
    mailProblems,
    senderProblems,
  };
}

function assertMailSettings(problems: readonly string[]): void {
  if (problems.length > 0) throw new UserError(`${MERGE_TEXT.settings}\n${problems.join('\n')}`);
}

/** What the coordinator asks for; planned against the ledger as it is now. */
export type MergeRequest =
  | { readonly kind: 'transmission' }
  | {
      readonly kind: 'instructions';
      readonly filter: InstructionsFilter;
      readonly resend?: boolean;
    }
  | { readonly kind: 'reminders'; readonly due: readonly DueReminderRef[] };

export function buildPlan(request: MergeRequest, data: MergeData): CampaignPlan {
  switch (request.kind) {
    case 'transmission':
      return planTransmissions(data);
    case 'instructions':
      return planInstructions(request.filter, data, request.resend === true);
    case 'reminders':
      return planReminders(request.due, data);
  }
}

export interface MergeSummary {
  readonly messages: number;
  readonly recipients: number;
  readonly quota: number;
  readonly already: number;
  readonly skipped: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Appends planned messages to the ledger, never an identity that is already there. The ledger is
 * read again just before: rows the coordinator added meanwhile are never overwritten.
 */
export function appendPlanned(
  spreadsheet: Spreadsheet,
  messages: readonly OutgoingMessage[],
): OutgoingMessage[] {
  const ledger = readColumns(spreadsheet, LEDGER_SHEET, ['id'], ALL_LEDGER);
  const known = new Set(ledger.rows.map((r) => rawText(r.cells.id).trim()));
  const fresh: OutgoingMessage[] = [];
  for (const m of messages) {
    if (known.has(m.id)) continue;
    known.add(m.id);
    fresh.push(m);
  }
  // Armed before the rows exist: if this execution dies before sending, they still leave.
  if (fresh.length > 0) scheduleContinuation(TIME_RETRY_MS, CONTINUE_HANDLER);
  const now = new Date();
  appendRecords(
    ledger,
    fresh.map((m) => ledgerRecord(m, now)),
    { filledColumnsOnly: true },
  );
  return fresh;
}

/**
 * Plans a request on data read after the effects of earlier sends were applied: refuses the whole
 * request if a template is wrong, else appends its new ledger rows. `strict`: a problem stops
 * everything (a campaign the coordinator confirmed); otherwise the problems are returned (daily run).
 */
export function planWith(
  spreadsheet: Spreadsheet,
  request: MergeRequest,
  data: LoadedMerge,
  strict: boolean,
): MergeSummary {
  const plan = buildPlan(request, data);
  if (strict && plan.problems.length > 0)
    throw new UserError(`Rien n’a été envoyé :\n${plan.problems.join('\n')}`);
  if (strict && request.kind === 'instructions' && plan.messages.length + plan.already === 0)
    throw new UserError(
      plan.skipped.length > 0
        ? `Aucun adhérent ne peut recevoir ces instructions :\n${plan.skipped.join('\n')}`
        : 'Aucun adhérent ne correspond à ces critères.',
    );
  const fresh = appendPlanned(spreadsheet, plan.messages);
  return {
    messages: fresh.length,
    recipients: fresh.reduce((n, m) => n + recipientCount(m.to, m.cc), 0),
    quota: MailApp.getRemainingDailyQuota(),
    already: plan.already,
    skipped: plan.skipped,
    problems: plan.problems,
  };
}

/** What a request would plan now, for the confirmation (same planning as the send). */
export function previewRequest(
  spreadsheet: Spreadsheet,
  request: MergeRequest,
): CampaignPlan & { readonly data: LoadedMerge; readonly mailProblems: readonly string[] } {
  const data = loadMergeData(spreadsheet);
  return { ...buildPlan(request, data), data, mailProblems: data.mailProblems };
}

export interface MergeOutcome {
  readonly sent: number;
  readonly errors: number;
  readonly toCheck: number;
  readonly waiting: number;
  readonly stoppedFor: 'quota' | 'time' | null;
  readonly lines: readonly string[];
}

/** The ledger row's envelope (as the coordinator may have corrected it) with the built message. */
function send(
  row: Readonly<Record<string, CellValue>>,
  message: OutgoingMessage,
  settings: MergeData['settings'],
): void {
  const envelope = {
    to: splitAddresses(rawText(row.recipients)),
    cc: splitAddresses(rawText(row.cc)),
    subject: rawText(row.subject),
  };
  sendMail(envelope, message, settings);
}

const isQuotaError = (error: unknown): boolean =>
  /too many times for one day: email/i.test(String((error as Error)?.message ?? error));

/** Sends what the ledger holds as planned. The caller holds the document lock. */
export interface SendOptions {
  /** The day's notes for a digest built now (rules that failed). */
  readonly notes?: readonly string[];
  /** Data read in this execution after the effects were applied (not read again). */
  readonly data?: LoadedMerge;
  /** Suivi rows moved on by effects applied earlier in this execution: they need a refresh. */
  readonly effectsApplied?: number;
}

export function sendPlanned(spreadsheet: Spreadsheet, options: SendOptions = {}): MergeOutcome {
  const digestNotes = options.notes ?? [];
  const ledger = readTable(spreadsheet, LEDGER_SHEET);
  statusColumns(ledger); // checked before anything is written
  const now = (): Date => new Date();
  const journal = new Journal();
  // A row left "envoi en cours" belongs to a run that died: in doubt, never resent.
  const stale = ledger.rows.filter((r) => mailStatusOf(r.cells.status) === MAIL_STATUS.sending);
  // The same identity on several rows (a pasted row): none of them is sent.
  const rowsById = new Map<string, number[]>();
  for (const r of ledger.rows) {
    const id = rawText(r.cells.id).trim();
    if (id !== '') rowsById.set(id, [...(rowsById.get(id) ?? []), r.row]);
  }
  const twice = new Set([...rowsById].filter(([, rows]) => rows.length > 1).map(([id]) => id));
  const planned = ledger.rows.filter((r) => mailStatusOf(r.cells.status) === MAIL_STATUS.planned);
  const unknown = ledger.rows.filter(
    (r) => mailStatusOf(r.cells.status) === 'unknown' && rawText(r.cells.error) === '',
  );
  updateCells(ledger, [
    ...stale.flatMap((r) => [
      { row: r.row, key: 'status', value: MAIL_STATUS.check },
      { row: r.row, key: 'error', value: MERGE_TEXT.check },
    ]),
    ...planned
      .filter((r) => twice.has(rawText(r.cells.id).trim()))
      .flatMap((r) => [
        { row: r.row, key: 'status', value: MAIL_STATUS.error },
        {
          row: r.row,
          key: 'error',
          value: MERGE_TEXT.duplicate(rowsById.get(rawText(r.cells.id).trim()) ?? []),
        },
      ]),
    ...unknown.map((r) => ({
      row: r.row,
      key: 'error',
      value: MERGE_TEXT.unknownStatus(rawText(r.cells.status)),
    })),
  ]);
  const queue = planned.filter((r) => !twice.has(rawText(r.cells.id).trim()));
  let sent = 0;
  let errors = planned.length - queue.length;
  let stoppedFor: MergeOutcome['stoppedFor'] = null;
  let waiting = 0;
  let quota = 0;
  if (queue.length > 0) {
    const data = options.data ?? loadMergeData(spreadsheet);
    // Recipients are frozen in the ledger; what every message still depends on must be right.
    if (data.senderProblems.length > 0) {
      journal.add(MERGE_TEXT.journal, `${MERGE_TEXT.settings} ${data.senderProblems.join(' ')}`);
      journal.flush(spreadsheet);
      assertMailSettings(data.senderProblems);
    }
    quota = MailApp.getRemainingDailyQuota();
    const records = new Map(queue.map((r) => [rawText(r.cells.id).trim(), r.cells]));
    const writer = new StatusWriter(ledger, records);
    for (let i = 0; i < queue.length; i++) {
      const row = queue[i].cells;
      const id = rawText(row.id).trim();
      const kind = parseMessageId(id)?.kind;
      if (kind === 'digest') writer.finish(); // the digest reads the statuses written so far
      const built = rebuildMessage(
        row,
        kind === 'digest'
          ? {
              ...data,
              ledger: readColumns(
                spreadsheet,
                LEDGER_SHEET,
                PLANNING_LEDGER_KEYS,
                ALL_LEDGER,
              ).rows.map((r) => r.cells),
            }
          : data,
        digestNotes,
      );
      if ('reason' in built) {
        writer.outcome(id, [MAIL_STATUS.error, now(), built.reason]);
        errors++;
        continue;
      }
      const to = splitAddresses(rawText(row.recipients));
      const cc = splitAddresses(rawText(row.cc));
      if (to.length === 0 || ![...to, ...cc].every(isEmailAddress)) {
        writer.outcome(id, [
          MAIL_STATUS.error,
          now(),
          MERGE_TEXT.badRecipients([...to, ...cc].join(', ')),
        ]);
        errors++;
        continue;
      }
      const needed = recipientCount(to, cc);
      if (Date.now() - EXECUTION_START > MERGE_BUDGET_MS) stoppedFor = 'time';
      else if (needed > quota) stoppedFor = 'quota';
      if (stoppedFor) {
        waiting = queue.length - i;
        break;
      }
      if (!writer.start(id, [MAIL_STATUS.sending, now(), ''])) continue; // its row was deleted
      try {
        send(row, built, data.settings);
        quota -= needed;
        sent++;
        writer.outcome(id, [MAIL_STATUS.sent, now(), '']);
      } catch (error) {
        if (isQuotaError(error)) {
          // Google refused before sending: the message did not leave.
          writer.outcome(id, [MAIL_STATUS.planned, now(), '']);
          stoppedFor = 'quota';
          waiting = queue.length - i;
          quota = 0;
          break;
        }
        errors++;
        writer.outcome(id, [
          MAIL_STATUS.error,
          now(),
          String((error as Error)?.message ?? error).slice(0, 500),
        ]);
      }
    }
    writer.finish();
  }
  // Statuses and the dashboard follow the steps: refreshed when an effect moved one, not for counts.
  // Effects applied earlier in this execution and nothing sent since: none new to apply.
  const applied =
    options.effectsApplied !== undefined && sent === 0 ? 0 : applyEffects(spreadsheet);
  const moved = applied + (options.effectsApplied ?? 0);
  if (moved > 0) refreshUnlocked(spreadsheet);
  scheduleContinuation(
    stoppedFor === 'time' ? TIME_RETRY_MS : stoppedFor === 'quota' ? QUOTA_RETRY_MS : undefined,
    CONTINUE_HANDLER,
  );
  const toCheck =
    stale.length +
    ledger.rows.filter((r) => mailStatusOf(r.cells.status) === MAIL_STATUS.check).length;
  const lines = [
    `${plural(sent, 'message envoyé', 'messages envoyés')}, ${errors} en erreur, ${toCheck} à vérifier.`,
  ];
  if (stoppedFor === 'quota') lines.push(MERGE_TEXT.quota(waiting, quota));
  if (stoppedFor === 'time') lines.push(MERGE_TEXT.time(waiting));
  if (stale.length > 0)
    lines.push(
      `${plural(stale.length, 'message d’un envoi interrompu passe « à vérifier » : il ne sera pas renvoyé', 'messages d’un envoi interrompu passent « à vérifier » : ils ne seront pas renvoyés')} automatiquement.`,
    );
  if (twice.size > 0)
    lines.push(
      `${plural(twice.size, 'identifiant en double dans la feuille Envois : ce message ne part pas', 'identifiants en double dans la feuille Envois : ces messages ne partent pas')} (voir la colonne « Erreur »).`,
    );
  if (sent + errors + stale.length > 0 || stoppedFor) {
    journal.add(MERGE_TEXT.journal, lines.join(' '), sent);
    journal.flush(spreadsheet);
  }
  return { sent, errors, toCheck, waiting, stoppedFor, lines };
}

function withMergeLock<T>(work: () => T): T {
  return withDocumentLock(work, { waitMs: MERGE_LOCK_MS, busyMessage: MERGE_TEXT.busy });
}

/** Runs the merge if no other run holds the lock. */
export function runMerge(spreadsheet: Spreadsheet): MergeOutcome {
  return withMergeLock(() => sendPlanned(spreadsheet));
}

/**
 * The continuation trigger: deletes the trigger that fired it; when another run holds the lock,
 * arms a new one so that the waiting messages never stay planned for days.
 */
export function continueFromTrigger(spreadsheet: Spreadsheet, event: unknown): void {
  deleteFiringTrigger(event);
  withDocumentLock(() => void sendPlanned(spreadsheet), {
    waitMs: MERGE_LOCK_MS,
    whenBusy: () =>
      void ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(BUSY_RETRY_MS).create(),
  });
}

/** Plans a request and sends it, under one lock. */
export function planAndRun(
  spreadsheet: Spreadsheet,
  request: MergeRequest,
): MergeOutcome & { readonly summary: MergeSummary } {
  return withMergeLock(() => {
    const effectsApplied = applyEffects(spreadsheet); // earlier sends, before anything is planned
    const data = loadMergeData(spreadsheet);
    assertMailSettings(data.mailProblems);
    const summary = planWith(spreadsheet, request, data, true);
    const outcome = sendPlanned(spreadsheet, { data, effectsApplied });
    const lines = [...outcome.lines];
    if (summary.already > 0)
      lines.push(
        request.kind === 'transmission'
          ? `${plural(summary.already, 'établissement déjà transmis', 'établissements déjà transmis')} (feuille Envois) : non retransmis.`
          : `${plural(summary.already, 'message déjà dans la feuille Envois (envoyé, prévu, en erreur ou à vérifier) : non replanifié', 'messages déjà dans la feuille Envois (envoyés, prévus, en erreur ou à vérifier) : non replanifiés')}.`,
      );
    if (summary.skipped.length > 0)
      lines.push(`Non concernés (${summary.skipped.length}) :\n${summary.skipped.join('\n')}`);
    return { ...outcome, lines, summary };
  });
}

/** The messages in error, for the confirmation of a retry. */
export function countErrors(spreadsheet: Spreadsheet): number {
  return readColumns(spreadsheet, LEDGER_SHEET, ['status'], ALL_LEDGER).rows.filter(
    (r) => mailStatusOf(r.cells.status) === MAIL_STATUS.error,
  ).length;
}

/** The coordinator asks to retry the messages in error: they go back to planned, then the merge runs. */
export function retryErrors(spreadsheet: Spreadsheet): MergeOutcome {
  return withMergeLock(() => {
    const ledger = readColumns(spreadsheet, LEDGER_SHEET, ['id', 'status', 'error'], ALL_LEDGER);
    const failed = ledger.rows.filter((r) => mailStatusOf(r.cells.status) === MAIL_STATUS.error);
    const rows = currentRows(ledger);
    updateCells(
      ledger,
      failed.flatMap((r) => {
        const row = rows.get(rawText(r.cells.id).trim());
        return row === undefined
          ? []
          : [
              { row, key: 'status', value: MAIL_STATUS.planned },
              { row, key: 'error', value: '' },
            ];
      }),
    );
    return sendPlanned(spreadsheet);
  });
}

export { buildDigest };
export type { InstructionsFilter };
