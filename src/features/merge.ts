// The mail merge: plans a campaign into the "Envois" ledger, then sends what is planned, at most once,
// within the daily quota and the run-time limit, and continues later through a one-off trigger.
//
// At most once: before a message is sent its ledger row is marked "envoi en cours" and flushed; the
// mark of the previous message ("envoyé" or "erreur") goes in the same write when the rows are
// adjacent, so a merge costs about one sheet write per message. A run killed at any moment leaves at
// most one row "envoi en cours", which the next run turns into "à vérifier": never resent.

import {
  planDigest,
  planReminders,
  type Campaign,
  type MergeData,
  type OutgoingMessage,
  planInstructions,
  planTransmissions,
  type InstructionsFilter,
} from '../core/campaigns';
import { pathOf } from '../core/catalogue';
import { LEDGER_SHEET, MAIL_STATUS, recipientCount } from '../core/ledger';
import type { CellValue } from '../core/schema';
import { MEMBERS_SHEET } from '../core/sheets';
import { TEMPLATES_SHEET, templateFrom } from '../core/templates';
import { REQUESTS_SHEET, RULES_SHEET, ruleFrom } from '../core/reminders';
import { formatDateFr, rawText } from '../core/text';
import { stepsFor, TRACKING_SHEET } from '../core/tracking';
import { Journal } from '../gas/journal';
import { loadSettings } from '../gas/settings-store';
import {
  appendRecords,
  readTable,
  SheetError,
  type Table,
  updateCells,
  writeColumns,
} from '../gas/table';
import { refreshUnlocked } from './tracking';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Stop sending after this much run time, leaving a margin before Apps Script's 6 minutes. */
export const MERGE_BUDGET_MS = 4 * 60 * 1000;

/** When this execution started: each Apps Script execution loads the script afresh. */
const EXECUTION_START = Date.now();
export const CONTINUE_HANDLER = 'continueMerge';
const CAMPAIGN_PREFIX = 'campaign:';
const MERGE_LOCK_MS = 5000;

export const MERGE_TEXT = {
  busy: 'Un envoi est déjà en cours sur ce classeur : il reprendra seul. Réessayez dans quelques minutes.',
  journal: 'Envois',
  nothing: 'Aucun message à envoyer.',
  quota: (waiting: number, quota: number) =>
    `Quota d’envoi du jour atteint (${quota} destinataire(s) restant(s)) : ${waiting} message(s) attendent ; l’envoi reprendra demain à 7 h.`,
  time: (waiting: number) =>
    `Temps d’exécution presque écoulé : ${waiting} message(s) restant(s) partiront dans une minute.`,
  outdated:
    'Message plus d’actualité (les données ont changé depuis la planification) : replanifiez l’envoi si besoin.',
  check:
    'Envoi interrompu pendant l’envoi de ce message : vérifiez dans la boîte d’envoi s’il est parti, puis indiquez « envoyé » ou « planifié ».',
} as const;

/** Everything a campaign needs, read once. */
export function loadMergeData(spreadsheet: Spreadsheet): MergeData {
  const { settings } = loadSettings(spreadsheet);
  const members = readTable(spreadsheet, MEMBERS_SHEET).rows.map((r) => r.cells);
  const tracking = readTable(spreadsheet, TRACKING_SHEET).rows.map((r) => r.cells);
  const templates = readTable(spreadsheet, TEMPLATES_SHEET)
    .rows.map((r) => templateFrom(r.cells))
    .filter((t) => t.id !== '');
  const configured = rawText(settings.get('coordonnateur.email'));
  const coordinator = configured || Session.getEffectiveUser().getEmail();
  const optional = (spec: typeof RULES_SHEET): Readonly<Record<string, CellValue>>[] =>
    spreadsheet.getSheetByName(spec.name)
      ? readTable(spreadsheet, spec).rows.map((r) => r.cells)
      : [];
  return {
    members,
    tracking,
    templates,
    settings,
    coordinator,
    rules: optional(RULES_SHEET)
      .map(ruleFrom)
      .filter((r) => r.id !== ''),
    requests: optional(REQUESTS_SHEET),
    ledger: optional(LEDGER_SHEET),
  };
}

export function buildCampaign(
  campaign: Campaign,
  data: MergeData,
): { messages: readonly OutgoingMessage[]; problems: readonly string[] } {
  switch (campaign.kind) {
    case 'transmission':
      return planTransmissions(campaign.id, data);
    case 'reminders':
      return planReminders(campaign.id, data);
    case 'digest': {
      const [y, m, d] = String(campaign.day).split('-').map(Number);
      return planDigest(campaign.id, String(campaign.day), new Date(y, m - 1, d), data);
    }
    default:
      return planInstructions(campaign.id, campaign.filter as InstructionsFilter, data);
  }
}

function saveCampaign(campaign: Campaign): void {
  PropertiesService.getDocumentProperties().setProperty(
    `${CAMPAIGN_PREFIX}${campaign.id}`,
    JSON.stringify(campaign),
  );
}

function loadCampaigns(): Map<string, Campaign> {
  const all = PropertiesService.getDocumentProperties().getProperties();
  const campaigns = new Map<string, Campaign>();
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(CAMPAIGN_PREFIX))
      campaigns.set(key.slice(CAMPAIGN_PREFIX.length), JSON.parse(value) as Campaign);
  }
  return campaigns;
}

export interface MergeSummary {
  readonly messages: number;
  readonly recipients: number;
  readonly quota: number;
}

/** Plans a campaign: refuses it whole if anything is wrong, else appends its new ledger rows. */
export function planCampaign(
  spreadsheet: Spreadsheet,
  campaign: Campaign,
  data: MergeData = loadMergeData(spreadsheet),
  select: (message: OutgoingMessage) => boolean = () => true,
): MergeSummary {
  const built = buildCampaign(campaign, data);
  const messages = built.messages.filter(select);
  const problems = built.problems;
  if (problems.length > 0) throw new SheetError(`Rien n’a été envoyé :\n${problems.join('\n')}`);
  // The campaign is saved before its rows exist, so that a planned row always finds its campaign.
  saveCampaign(campaign);
  const ledger = readTable(spreadsheet, LEDGER_SHEET);
  const known = new Set(ledger.rows.map((r) => rawText(r.cells.id)));
  const fresh = messages.filter((m) => !known.has(m.id));
  appendRecords(
    ledger,
    fresh.map((m) => ({
      id: m.id,
      campaign: m.campaign,
      memberKey: m.memberKey,
      recipients: [...m.to, ...m.cc].join(', '),
      subject: m.subject,
      content: m.listed.join(', '),
      status: MAIL_STATUS.planned,
      time: new Date(),
      error: '',
      effect: '',
    })),
  );
  return {
    messages: fresh.length,
    recipients: fresh.reduce((n, m) => n + recipientCount(m.to, m.cc), 0),
    quota: MailApp.getRemainingDailyQuota(),
  };
}

export interface MergeOutcome {
  readonly sent: number;
  readonly errors: number;
  readonly toCheck: number;
  readonly waiting: number;
  readonly stoppedFor: 'quota' | 'time' | null;
  readonly lines: readonly string[];
}

function statusPositions(ledger: Table): { first: number; width: number } {
  const first = ledger.positions.get('status') as number;
  if (ledger.positions.get('time') !== first + 1 || ledger.positions.get('error') !== first + 2) {
    throw new SheetError(
      `Feuille « ${LEDGER_SHEET.name} » : les colonnes « Statut », « Heure » et « Erreur » doivent se suivre. Lancez « Initialiser / réparer le classeur » sur un classeur neuf ou remettez-les dans cet ordre.`,
    );
  }
  return { first, width: 3 };
}

/**
 * Writes ledger statuses: a message's outcome waits, and goes out with the "envoi en cours" mark of
 * the next message in one call when their rows are adjacent.
 */
class StatusWriter {
  private pending: { row: number; cells: CellValue[] } | undefined;

  constructor(
    private readonly ledger: Table,
    private readonly column: number,
  ) {}

  private write(row: number, lines: CellValue[][]): void {
    this.ledger.sheet.getRange(row, this.column, lines.length, 3).setValues(lines);
  }

  /** Marks `row` as being sent, with the waiting outcome if adjacent, and flushes before sending. */
  start(row: number, cells: CellValue[]): void {
    const waiting = this.pending;
    this.pending = undefined;
    if (waiting && waiting.row === row - 1) this.write(waiting.row, [waiting.cells, cells]);
    else {
      if (waiting) this.write(waiting.row, [waiting.cells]);
      this.write(row, [cells]);
    }
    SpreadsheetApp.flush();
  }

  /** An outcome, written with the next start or at the end. */
  outcome(row: number, cells: CellValue[]): void {
    if (this.pending) this.write(this.pending.row, [this.pending.cells]);
    this.pending = { row, cells };
  }

  finish(): void {
    if (this.pending) this.write(this.pending.row, [this.pending.cells]);
    this.pending = undefined;
  }
}

function send(
  message: OutgoingMessage,
  settings: ReturnType<typeof loadSettings>['settings'],
): void {
  const options: GoogleAppsScript.Mail.MailAdvancedParameters = {
    to: message.to.join(','),
    subject: message.subject,
    body: message.text,
    htmlBody: message.html,
    replyTo: rawText(settings.get('groupement.adresse')),
    name: rawText(settings.get('expediteur.nom')),
  };
  if (message.cc.length > 0) options.cc = message.cc.join(',');
  if (message.attachments.length > 0) {
    options.attachments = message.attachments.map((a) =>
      Utilities.newBlob(a.content, a.mimeType, a.name),
    );
  }
  MailApp.sendEmail(options);
}

const isQuotaError = (error: unknown): boolean =>
  /too many times for one day: email/i.test(String((error as Error)?.message ?? error));

function scheduleContinuation(afterMs: number): void {
  const exists = ScriptApp.getProjectTriggers().some(
    (t) => t.getHandlerFunction() === CONTINUE_HANDLER,
  );
  if (!exists) ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(afterMs).create();
}

function clearContinuation(): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === CONTINUE_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
}

function msUntilTomorrowSeven(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 7, 0, 0);
  return next.getTime() - now.getTime();
}

/**
 * Moves the "Suivi" rows listed by sent transmissions from "À transmettre" to the next step.
 * Idempotent: a transmission whose effect is done is marked in the ledger.
 */
function applyTransmissionEffects(
  spreadsheet: Spreadsheet,
  ledger: Table,
  campaigns: Map<string, Campaign>,
): number {
  const due = ledger.rows.filter(
    (r) =>
      rawText(r.cells.status) === MAIL_STATUS.sent &&
      rawText(r.cells.effect) === '' &&
      campaigns.get(rawText(r.cells.campaign))?.kind === 'transmission',
  );
  if (due.length === 0) return 0;
  const tracking = readTable(spreadsheet, TRACKING_SHEET);
  const today = new Date();
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const updates: { row: number; key: string; value: CellValue }[] = [];
  for (const entry of due) {
    const provider = rawText(entry.cells.memberKey);
    const uais = new Set(
      rawText(entry.cells.content)
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    );
    for (const row of tracking.rows) {
      const [uai, service] = rawText(row.cells.key).split('|');
      if (!uais.has(uai) || service === 'convention') continue;
      const path = pathOf(service as never);
      if (path.provider !== provider) continue;
      const steps = stepsFor(path.service, row.cells.schoolStatus);
      if (rawText(row.cells.step) !== steps[0].label) continue;
      const line = `${formatDateFr(day)} : ${steps[1].label}`;
      const history = rawText(row.cells.history);
      updates.push({ row: row.row, key: 'step', value: steps[1].label });
      updates.push({ row: row.row, key: 'stepDate', value: day });
      updates.push({
        row: row.row,
        key: 'history',
        value: history === '' ? line : `${history}\n${line}`,
      });
    }
  }
  updateCells(tracking, updates);
  const effects = new Set(due.map((r) => r.row));
  writeColumns(ledger, {
    effect: ledger.rows.map((r) => (effects.has(r.row) ? 'oui' : r.cells.effect)),
  });
  return due.length;
}

/** Sends what the ledger holds as planned. The caller holds the document lock. */
export function sendPlanned(spreadsheet: Spreadsheet, loaded?: MergeData): MergeOutcome {
  const ledger = readTable(spreadsheet, LEDGER_SHEET);
  const { first } = statusPositions(ledger);
  const now = (): Date => new Date();
  // A row left "envoi en cours" belongs to a run that died: in doubt, never resent.
  const stale = ledger.rows.filter((r) => rawText(r.cells.status) === MAIL_STATUS.sending);
  updateCells(
    ledger,
    stale.flatMap((r) => [
      { row: r.row, key: 'status', value: MAIL_STATUS.check },
      { row: r.row, key: 'error', value: MERGE_TEXT.check },
    ]),
  );
  const planned = ledger.rows.filter((r) => rawText(r.cells.status) === MAIL_STATUS.planned);
  const campaigns = loadCampaigns();
  let sent = 0;
  let errors = 0;
  let stoppedFor: MergeOutcome['stoppedFor'] = null;
  let waiting = 0;
  let quota = 0;
  if (planned.length > 0) {
    const data = loaded ?? loadMergeData(spreadsheet);
    const messages = new Map<string, OutgoingMessage>();
    for (const id of new Set(planned.map((r) => rawText(r.cells.campaign)))) {
      const campaign = campaigns.get(id);
      if (campaign) for (const m of buildCampaign(campaign, data).messages) messages.set(m.id, m);
    }
    quota = MailApp.getRemainingDailyQuota();
    const writer = new StatusWriter(ledger, first);
    for (let i = 0; i < planned.length; i++) {
      const row = planned[i];
      const campaign = campaigns.get(rawText(row.cells.campaign));
      // A digest reports on what was sent before it in this very run: built at its turn.
      if (campaign?.kind === 'digest') writer.finish(); // the digest reads the statuses written so far
      const message =
        campaign?.kind === 'digest'
          ? buildCampaign(campaign, {
              ...data,
              ledger: readTable(spreadsheet, LEDGER_SHEET).rows.map((r) => r.cells),
            }).messages[0]
          : messages.get(rawText(row.cells.id));
      if (!message) {
        writer.outcome(row.row, [MAIL_STATUS.error, now(), MERGE_TEXT.outdated]);
        errors++;
        continue;
      }
      const needed = recipientCount(message.to, message.cc);
      if (Date.now() - EXECUTION_START > MERGE_BUDGET_MS) {
        stoppedFor = 'time';
      } else if (needed > quota) {
        stoppedFor = 'quota';
      }
      if (stoppedFor) {
        waiting = planned.length - i;
        break;
      }
      writer.start(row.row, [MAIL_STATUS.sending, now(), '']);
      try {
        send(message, data.settings);
        quota -= needed;
        sent++;
        writer.outcome(row.row, [MAIL_STATUS.sent, now(), '']);
      } catch (error) {
        if (isQuotaError(error)) {
          // Google refused before sending: the message did not leave.
          writer.outcome(row.row, [MAIL_STATUS.planned, now(), '']);
          stoppedFor = 'quota';
          waiting = planned.length - i;
          quota = 0;
          break;
        }
        errors++;
        writer.outcome(row.row, [
          MAIL_STATUS.error,
          now(),
          String((error as Error)?.message ?? error).slice(0, 500),
        ]);
      }
    }
    writer.finish();
  }
  const after = readTable(spreadsheet, LEDGER_SHEET);
  const effects = applyTransmissionEffects(spreadsheet, after, campaigns);
  if (effects > 0) refreshUnlocked(spreadsheet);
  if (stoppedFor === 'time') scheduleContinuation(60 * 1000);
  else if (stoppedFor === 'quota') scheduleContinuation(msUntilTomorrowSeven(new Date()));
  else clearContinuation();
  const toCheck = after.rows.filter((r) => rawText(r.cells.status) === MAIL_STATUS.check).length;
  const lines = [`${sent} message(s) envoyé(s), ${errors} en erreur, ${toCheck} à vérifier.`];
  if (stoppedFor === 'quota') lines.push(MERGE_TEXT.quota(waiting, quota));
  if (stoppedFor === 'time') lines.push(MERGE_TEXT.time(waiting));
  if (stale.length > 0)
    lines.push(
      `${stale.length} message(s) d’un envoi interrompu passent « à vérifier » : ils ne seront pas renvoyés automatiquement.`,
    );
  if (sent + errors + stale.length > 0 || stoppedFor) {
    const journal = new Journal();
    journal.add(MERGE_TEXT.journal, lines.join(' '), sent);
    journal.flush(spreadsheet);
  }
  return { sent, errors, toCheck, waiting, stoppedFor, lines };
}

/** Runs the merge if no other run holds the lock. */
export function runMerge(spreadsheet: Spreadsheet): MergeOutcome {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(MERGE_LOCK_MS)) throw new SheetError(MERGE_TEXT.busy);
  try {
    return sendPlanned(spreadsheet);
  } finally {
    lock.releaseLock();
  }
}

/** Plans a campaign and sends it, under one lock. */
export function planAndRun(spreadsheet: Spreadsheet, campaign: Campaign): MergeOutcome {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(MERGE_LOCK_MS)) throw new SheetError(MERGE_TEXT.busy);
  try {
    const data = loadMergeData(spreadsheet);
    planCampaign(spreadsheet, campaign, data);
    return sendPlanned(spreadsheet, data);
  } finally {
    lock.releaseLock();
  }
}

/** The coordinator asks to retry the messages in error: they go back to planned, then the merge runs. */
export function retryErrors(spreadsheet: Spreadsheet): MergeOutcome {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(MERGE_LOCK_MS)) throw new SheetError(MERGE_TEXT.busy);
  try {
    const ledger = readTable(spreadsheet, LEDGER_SHEET);
    const failed = ledger.rows.filter((r) => rawText(r.cells.status) === MAIL_STATUS.error);
    updateCells(
      ledger,
      failed.map((r) => ({ row: r.row, key: 'status', value: MAIL_STATUS.planned })),
    );
    return sendPlanned(spreadsheet);
  } finally {
    lock.releaseLock();
  }
}

/** A campaign identifier: kind, filter and minute, readable in the ledger. */
export function campaignId(kind: string, detail: string, at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return `${kind}${detail ? ` ${detail}` : ''} ${stamp}`;
}

export type { Campaign, InstructionsFilter };
