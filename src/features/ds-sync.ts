// Synchronising the census straight from démarches simplifiées: the connection settings (the token in
// the user's own properties, never in a cell), "Tester la connexion", and the sync. A sync reads the
// dossiers page by page (only those changed since the last sync, plus those deleted), turns them
// into the rows an export would give, and imports them through the file import's core: same
// reading of "Correspondance DS", same three-way upsert, same marks, Journal line and summary.
//
// A sync that cannot finish in one execution (time budget, rate limit) arms a one-off trigger, then
// saves what it read in a hidden sheet and its cursor in document properties; the workbook itself
// changes only once every page is read. Killed at any call, the next run resumes or starts over,
// and converges to the same workbook.

import {
  answerData,
  COUNT_PAGES,
  DEFAULT_DS_URL,
  DS_TEXT,
  DsAnswerError,
  type DsConnection,
  exportRowsOf,
  mergeStaged,
  normalizeBaseUrl,
  OLD_DS_URL,
  pageRequest,
  parseDemarche,
  parseState,
  readCountPage,
  readPage,
  type StagedDossier,
  stagedFrom,
  stagingValues,
  startState,
  type SyncState,
  testedLines,
  testRequest,
} from '../core/ds-api';
import { fingerprint, mappingFrom } from '../core/ds-import';
import { MAPPING_SHEET } from '../core/workbook/mapping';
import { formatDateTimeFr } from '../core/text';
import type { DsConnectionForm, DsConnectionView, DsSyncResult, FormResult } from '../shared/api';
import { postGraphql } from '../gas/ds-client';
import { withDocumentLock } from '../gas/lock';
import { UserError } from '../core/errors';
import { ensureRows, readTable, toCell } from '../gas/table';
import { importRowsLocked } from './census-import';
import { scheduleContinuation } from '../gas/triggers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** When this execution started: each Apps Script execution loads the script afresh. */
const EXECUTION_START = Date.now();
/** Stop reading pages after this much run time: the import and the writes need the rest. */
export const SYNC_BUDGET_MS = 4 * 60 * 1000;
export const SYNC_HANDLER = 'continueDsSync';
const TIME_RETRY_MS = 60 * 1000;
export const BUSY_RETRY_MS = 2 * 60 * 1000;
export const STAGING_SHEET_NAME = 'Synchronisation DS (en cours)';

/** Document properties, except the token: the user's own. */
export const DS_PROPERTY = {
  token: 'ds.jeton',
  demarche: 'ds.demarche',
  url: 'ds.url',
  /**
   * JSON { demarche, url, since, mapping }: the `updatedSince` of the next sync, for this démarche
   * and these "Correspondance DS" rules only.
   */
  since: 'ds.depuis',
  state: 'ds.synchro',
  beforeReminders: 'ds.avantRelances',
} as const;

const documentProperties = (): GoogleAppsScript.Properties.Properties =>
  PropertiesService.getDocumentProperties();

function savedConnection(
  properties: GoogleAppsScript.Properties.Properties,
): DsConnection | undefined {
  const demarche = parseDemarche(properties.getProperty(DS_PROPERTY.demarche) ?? '');
  if (demarche === undefined) return undefined;
  return { demarche, url: properties.getProperty(DS_PROPERTY.url) || DEFAULT_DS_URL };
}

function requireConnection(): DsConnection {
  const connection = savedConnection(documentProperties());
  if (!connection) throw new UserError(DS_TEXT.noDemarche);
  return connection;
}

function requireToken(): string {
  const token = PropertiesService.getUserProperties().getProperty(DS_PROPERTY.token) ?? '';
  if (token === '') throw new UserError(DS_TEXT.noToken);
  return token;
}

/**
 * The fingerprint of the "Correspondance DS" rules: when the coordinator changes them, the next sync
 * reads every dossier again (the fields of unchanged dossiers would otherwise never be read).
 */
function mappingFingerprint(spreadsheet: Spreadsheet): string {
  const rows = spreadsheet.getSheetByName(MAPPING_SHEET.name)
    ? readTable(spreadsheet, MAPPING_SHEET, ['field', 'headers']).rows.map((r) => ({
        field: r.cells.field,
        headers: r.cells.headers,
      }))
    : [];
  return fingerprint(JSON.stringify([...mappingFrom(rows)]));
}

/**
 * The `updatedSince` saved by the last complete sync of this démarche with these mapping rules
 * (null: a full sync).
 */
function lastSince(
  properties: GoogleAppsScript.Properties.Properties,
  connection: DsConnection,
  mapping?: string,
): string | null {
  try {
    const saved = JSON.parse(properties.getProperty(DS_PROPERTY.since) ?? 'null') as {
      demarche?: number;
      url?: string;
      since?: string | null;
      mapping?: string;
    } | null;
    if (
      saved &&
      saved.demarche === connection.demarche &&
      saved.url === connection.url &&
      (mapping === undefined || saved.mapping === mapping)
    )
      return typeof saved.since === 'string' ? saved.since : null;
  } catch {
    // unreadable: the next sync reads every dossier
  }
  return null;
}

export function connectionView(): DsConnectionView {
  const properties = documentProperties();
  const connection = savedConnection(properties);
  const since = connection ? lastSince(properties, connection) : null;
  return {
    demarche: connection ? String(connection.demarche) : '',
    url: properties.getProperty(DS_PROPERTY.url) || DEFAULT_DS_URL,
    defaultUrl: DEFAULT_DS_URL,
    oldUrl: OLD_DS_URL,
    hasToken: (PropertiesService.getUserProperties().getProperty(DS_PROPERTY.token) ?? '') !== '',
    lastSync: since ? formatDateTimeFr(new Date(since)) : '',
    pending: parseState(properties.getProperty(DS_PROPERTY.state)) !== undefined,
    beforeReminders: properties.getProperty(DS_PROPERTY.beforeReminders) === 'oui',
  };
}

/** Saves the settings the page sends; the token only when one is typed (it is never sent back). */
export function saveConnection(
  form: DsConnectionForm,
): FormResult & { readonly view: DsConnectionView } {
  const errors: Record<string, string> = {};
  const demarche = parseDemarche(String(form?.demarche ?? ''));
  if (demarche === undefined) errors.demarche = DS_TEXT.badDemarche(String(form?.demarche ?? ''));
  const url = normalizeBaseUrl(String(form?.url ?? ''));
  if (url === undefined) errors.url = DS_TEXT.badUrl(String(form?.url ?? ''));
  const token = String(form?.token ?? '').trim();
  if (token !== '' && /\s/.test(token)) errors.token = DS_TEXT.tokenSpaces;
  if (Object.keys(errors).length > 0)
    return { ok: false, message: '', errors, view: connectionView() };
  documentProperties().setProperties({
    [DS_PROPERTY.demarche]: String(demarche),
    [DS_PROPERTY.url]: url as string,
    [DS_PROPERTY.beforeReminders]: form.beforeReminders === true ? 'oui' : 'non',
  });
  if (token !== '') PropertiesService.getUserProperties().setProperty(DS_PROPERTY.token, token);
  const message = token !== '' ? `${DS_TEXT.saved} ${DS_TEXT.tokenSaved}` : DS_TEXT.saved;
  return { ok: true, message, errors: {}, view: connectionView() };
}

export function removeToken(): DsConnectionView {
  PropertiesService.getUserProperties().deleteProperty(DS_PROPERTY.token);
  return connectionView();
}

/** "Tester la connexion": the démarche's title and its number of dossiers, or the French failure. */
export function testConnection(): string[] {
  const connection = requireConnection();
  const token = requireToken();
  let after: string | null = null;
  let count = 0;
  let title = '';
  // A refused answer throws a DsAnswerError, itself a message for the coordinator.
  for (let page = 0; page < COUNT_PAGES; page++) {
    const outcome = postGraphql(connection.url, token, testRequest(connection.demarche, after));
    const read = readCountPage(answerData(outcome, connection.demarche, token, Date.now()));
    title = read.title;
    count += read.count;
    after = read.next;
    if (after === null) return testedLines(connection.demarche, title, count, true);
  }
  return testedLines(connection.demarche, title, count, false);
}

/** Reads the staging sheet of a paused sync: the dossiers and deletions read so far. */
function readStaging(sheet: GoogleAppsScript.Spreadsheet.Sheet): ReturnType<typeof stagedFrom> {
  if (sheet.getLastRow() === 0) return stagedFrom([]);
  return stagedFrom(sheet.getDataRange().getValues());
}

/** Writes what a paused sync read, in one block, in a hidden sheet created on first use. */
function writeStaging(
  spreadsheet: Spreadsheet,
  dossiers: ReadonlyMap<number, StagedDossier>,
  deleted: ReadonlySet<number>,
  labels: readonly string[],
): void {
  const values = stagingValues(dossiers.values(), deleted, labels).map((line) =>
    line.map((v) => toCell(v)),
  );
  let sheet = spreadsheet.getSheetByName(STAGING_SHEET_NAME);
  if (!sheet) {
    sheet = spreadsheet.insertSheet(STAGING_SHEET_NAME, spreadsheet.getSheets().length);
    sheet.hideSheet();
  } else sheet.clearContents();
  if (values.length === 0) return;
  ensureRows(sheet, 0, values.length);
  const width = values[0].length;
  if (width > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(1, 1, values.length, width).setValues(values);
}

/** Forgets a sync in progress: the next one starts over. The workbook is as before it began. */
function discard(spreadsheet: Spreadsheet): void {
  const properties = documentProperties();
  if (properties.getProperty(DS_PROPERTY.state) !== null)
    properties.deleteProperty(DS_PROPERTY.state);
  const sheet = spreadsheet.getSheetByName(STAGING_SHEET_NAME);
  if (sheet) spreadsheet.deleteSheet(sheet);
}

/**
 * Stops reading until `afterMs`: the continuation first (a run killed after it still continues),
 * then what was read, then the cursor.
 */
function pause(
  spreadsheet: Spreadsheet,
  state: SyncState,
  dossiers: ReadonlyMap<number, StagedDossier>,
  deleted: ReadonlySet<number>,
  why: 'time' | 'rate',
  afterMs: number,
): DsSyncResult {
  scheduleContinuation(afterMs, SYNC_HANDLER);
  const staged = dossiers.size + deleted.size;
  // Nothing read yet: nothing to keep but the cursor (the workbook stays exactly as it was).
  if (staged > 0) writeStaging(spreadsheet, dossiers, deleted, state.labels);
  // The labels go with the dossiers (a property holds 9 KB): without dossiers, none are needed.
  documentProperties().setProperty(
    DS_PROPERTY.state,
    JSON.stringify({ ...state, labels: [], staged }),
  );
  return { lines: [DS_TEXT.paused(staged, new Date(Date.now() + afterMs), why)], done: false };
}

/**
 * The sync: resumes a paused one (same démarche and address), else starts from the last complete
 * sync's `updatedSince` (every dossier the first time), then imports what it read.
 */
export function syncCensus(spreadsheet: Spreadsheet): DsSyncResult {
  const connection = requireConnection();
  const token = requireToken();
  return withDocumentLock(() => syncLocked(spreadsheet, connection, token));
}

/** Whether the daily run synchronises before the reminders (a setting of the page). */
export function syncBeforeReminders(): boolean {
  return documentProperties().getProperty(DS_PROPERTY.beforeReminders) === 'oui';
}

/**
 * The daily run's sync, under the lock the daily run already holds: its outcome in one line for the
 * digest and the Journal; a failure is said there and never stops the reminders.
 */
export function syncForDailyRun(spreadsheet: Spreadsheet): string {
  try {
    const result = syncLocked(spreadsheet, requireConnection(), requireToken());
    return DS_TEXT.daily(result.done ? result.lines.slice(0, 2) : result.lines);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return DS_TEXT.daily([error.message]);
  }
}

function syncLocked(
  spreadsheet: Spreadsheet,
  connection: DsConnection,
  token: string,
): DsSyncResult {
  const properties = documentProperties();
  const mapping = mappingFingerprint(spreadsheet);
  const saved = parseState(properties.getProperty(DS_PROPERTY.state));
  const staging = spreadsheet.getSheetByName(STAGING_SHEET_NAME);
  let state: SyncState;
  let dossiers = new Map<number, StagedDossier>();
  let deleted = new Set<number>();
  const resumable =
    saved &&
    saved.demarche === connection.demarche &&
    saved.url === connection.url &&
    (staging !== null || saved.staged === 0);
  if (saved && resumable) {
    state = saved;
    if (staging) {
      const read = readStaging(staging);
      ({ dossiers, deleted } = read);
      state = { ...saved, labels: read.labels };
    }
  } else {
    if (staging) spreadsheet.deleteSheet(staging);
    state = startState(connection, lastSince(properties, connection, mapping), mapping);
  }
  while (state.phase !== 'done') {
    if (Date.now() - EXECUTION_START > SYNC_BUDGET_MS)
      return pause(spreadsheet, state, dossiers, deleted, 'time', TIME_RETRY_MS);
    let page;
    try {
      const outcome = postGraphql(connection.url, token, pageRequest(state));
      page = readPage(state, answerData(outcome, connection.demarche, token, Date.now()));
    } catch (error) {
      if (error instanceof DsAnswerError && error.retryAfterMs !== undefined)
        return pause(spreadsheet, state, dossiers, deleted, 'rate', error.retryAfterMs + 1000);
      if (!(error instanceof DsAnswerError)) throw error;
      discard(spreadsheet);
      throw new UserError(error.message);
    }
    dossiers = mergeStaged(dossiers, page.dossiers);
    for (const number of page.deleted) deleted.add(number);
    state = page.state;
  }
  const rows = exportRowsOf(state.labels, [...dossiers.values()]);
  const since = state.since === null ? null : formatDateTimeFr(new Date(state.since));
  const source = DS_TEXT.source(connection.demarche, dossiers.size, deleted.size, since);
  let outcome;
  try {
    outcome = importRowsLocked(
      spreadsheet,
      rows,
      source,
      state.since === null ? {} : { gone: new Set([...deleted].map(String)) },
    );
  } catch (error) {
    if (error instanceof UserError) discard(spreadsheet);
    throw error;
  }
  // The next sync asks what changed since the newest change read here.
  properties.setProperty(
    DS_PROPERTY.since,
    JSON.stringify({
      demarche: connection.demarche,
      url: connection.url,
      since: state.latest,
      // The rules this sync started with: changed meanwhile, the next sync reads every dossier.
      mapping: state.rules,
    }),
  );
  discard(spreadsheet);
  scheduleContinuation(undefined, SYNC_HANDLER);
  return { lines: outcome.lines, done: true };
}
