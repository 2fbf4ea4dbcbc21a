// Synchronising the census with démarches simplifiées' GraphQL API, without Apps Script: the
// queries, the answers read into the rows an export would give (so that the file import's reading
// and upsert apply unchanged), the paging state of a sync, and every failure in French.

import { UserError } from './errors';
import { formatDateTimeFr, plural } from './text';

export const DEFAULT_DS_URL = 'https://demarche.numerique.gouv.fr';
/** The platform's former host, which still answers. */
export const OLD_DS_URL = 'https://www.demarches-simplifiees.fr';
export const GRAPHQL_PATH = '/api/v2/graphql';
/** The API refuses more than 100 dossiers a page. */
export const PAGE_SIZE = 100;
/** "Tester la connexion" counts the dossiers page by page, up to this many pages. */
export const COUNT_PAGES = 20;

export const DS_TEXT = {
  title: 'Synchronisation démarches simplifiées',
  pageTitle: 'Connexion démarches simplifiées',
  noToken:
    "Aucun jeton d'API démarches simplifiées n'est enregistré pour votre compte : ouvrez « Connexion démarches simplifiées… » et collez le jeton créé dans votre profil (« Jetons d'API »). Rien n'a été modifié.",
  noDemarche:
    "Numéro de démarche non renseigné : ouvrez « Connexion démarches simplifiées… » et indiquez le numéro de la démarche du recensement. Rien n'a été modifié.",
  badDemarche: (text: string) =>
    `« ${text} » n'est pas un numéro de démarche : indiquez le nombre qui suit « /procedures/ » dans l'adresse de la démarche (par exemple 98765).`,
  badUrl: (text: string) =>
    `« ${text} » n'est pas une adresse de plateforme : indiquez une adresse en https, par exemple ${DEFAULT_DS_URL} (ou ${OLD_DS_URL}).`,
  badToken:
    "Jeton d'API refusé par démarches simplifiées (jeton erroné ou révoqué) : créez un jeton dans votre profil (« Jetons d'API »), puis remplacez-le dans « Connexion démarches simplifiées… ». Rien n'a été modifié.",
  expiredToken:
    "Le jeton d'API démarches simplifiées a expiré : créez-en un nouveau dans votre profil (« Jetons d'API »), puis remplacez-le dans « Connexion démarches simplifiées… ». Rien n'a été modifié.",
  ipLimited:
    "Jeton d'API refusé depuis Google : il est limité à certains réseaux (adresses IP), or Apps Script appelle depuis les adresses de Google. Créez un jeton sans restriction de réseau dans votre profil (« Jetons d'API ») et remplacez-le. Rien n'a été modifié.",
  notFound: (demarche: number) =>
    `Démarche n° ${demarche} introuvable ou non accessible avec ce jeton : vérifiez le numéro, et que le jeton a été créé par un administrateur de cette démarche (avec accès à ses dossiers). Rien n'a été modifié.`,
  rateLimit: (seconds: number) =>
    `démarches simplifiées limite le nombre d'appels (400 par minute) : réessayez dans ${seconds} s. Rien n'a été modifié.`,
  network: (detail: string) =>
    `démarches simplifiées ne répond pas (réseau ou adresse de la plateforme) : ${detail} Vérifiez l'adresse de la plateforme, puis réessayez plus tard. Rien n'a été modifié.`,
  server: (status: number) =>
    `démarches simplifiées est indisponible (erreur ${status}) : réessayez plus tard. Rien n'a été modifié.`,
  wrongAddress: (status: number) =>
    `L'adresse de la plateforme ne mène pas à l'API de démarches simplifiées (réponse ${status}) : vérifiez l'adresse dans « Connexion démarches simplifiées… » (par défaut ${DEFAULT_DS_URL}). Rien n'a été modifié.`,
  unreadable:
    "Réponse illisible de démarches simplifiées (ce n'est pas l'API attendue) : vérifiez l'adresse de la plateforme dans « Connexion démarches simplifiées… ». Rien n'a été modifié.",
  refused: (message: string) =>
    `démarches simplifiées a refusé la requête : ${message}. Rien n'a été modifié.`,
  tested: (title: string, demarche: number, count: number, complete: boolean) => [
    `Connexion réussie : démarche n° ${demarche} « ${title} ».`,
    `${complete ? plural(count, 'dossier') : `Plus de ${plural(count, 'dossier')}`} hors brouillons.`,
  ],
  saved: 'Connexion enregistrée.',
  tokenSaved: 'Jeton enregistré pour votre compte (il ne sera plus affiché).',
  tokenSpaces:
    "Le jeton ne contient pas d'espace : copiez-le de nouveau depuis votre profil démarches simplifiées.",
  source: (demarche: number, fetched: number, deleted: number, since: string | null) =>
    since === null
      ? `synchronisation démarches simplifiées, démarche n° ${demarche}, tous les dossiers (${fetched})`
      : `synchronisation démarches simplifiées, démarche n° ${demarche}, dossiers modifiés depuis le ${since} (${fetched}) et supprimés (${deleted})`,
  paused: (fetched: number, at: Date, why: 'time' | 'rate') =>
    `${why === 'rate' ? "Limite d'appels de démarches simplifiées atteinte" : "Temps d'exécution presque écoulé"} : ${plural(fetched, 'dossier lu', 'dossiers lus')}, la synchronisation reprend seule vers ${formatDateTimeFr(at)} ; le classeur sera mis à jour à la fin.`,
  busy: 'Une autre opération occupe le classeur : la synchronisation reprendra seule dans deux minutes.',
  daily: (lines: readonly string[]) => `Synchronisation avant les relances : ${lines.join(' ')}`,
} as const;

/** The GraphQL request body (JSON) of one call. */
export interface GraphqlRequest {
  readonly query: string;
  readonly operationName: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

/**
 * The dossiers of the démarche, a page at a time. Typed fragments give what `stringValue` writes
 * differently from an export (checkbox and yes/no as booleans); their `value` fields have different
 * types, hence the aliases.
 */
export const DOSSIERS_QUERY = `query dossiersDuRecensement($demarche: Int!, $first: Int!, $after: String, $updatedSince: ISO8601DateTime) {
  demarche(number: $demarche) {
    number
    activeRevision { champDescriptors { id label type } }
    dossiers(first: $first, after: $after, updatedSince: $updatedSince) {
      ${PAGE_INFO}
      nodes {
        number
        state
        archived
        dateDepot
        dateDerniereModification
        datePassageEnInstruction
        dateTraitement
        motivation
        usager { email }
        champs {
          __typename
          label
          stringValue
          ... on CheckboxChamp { checked: value }
          ... on YesNoChamp { answer: value }
          ... on IntegerNumberChamp { integer: value }
        }
      }
    }
  }
}`;

export const DELETED_QUERY = `query dossiersSupprimes($demarche: Int!, $first: Int!, $after: String, $deletedSince: ISO8601DateTime) {
  demarche(number: $demarche) {
    deletedDossiers(first: $first, after: $after, deletedSince: $deletedSince) {
      ${PAGE_INFO}
      nodes { number dateSupression }
    }
  }
}`;

export const TEST_QUERY = `query testConnexion($demarche: Int!, $first: Int!, $after: String) {
  demarche(number: $demarche) {
    number
    title
    dossiers(first: $first, after: $after) {
      ${PAGE_INFO}
      nodes { number }
    }
  }
}`;

export function testRequest(demarche: number, after: string | null): GraphqlRequest {
  return {
    query: TEST_QUERY,
    operationName: 'testConnexion',
    variables: { demarche, first: PAGE_SIZE, after },
  };
}

/** The connection as the coordinator set it (the token apart: it never leaves user properties). */
export interface DsConnection {
  readonly demarche: number;
  readonly url: string;
}

/** The base URL as typed, made canonical; undefined when it is not an https address. */
export function normalizeBaseUrl(text: string): string | undefined {
  let url = text.trim();
  if (url === '') return DEFAULT_DS_URL;
  if (!/^https?:\/\//i.test(url)) url = `https://${url}`;
  url = url.replace(/\/+$/, '');
  if (url.toLowerCase().endsWith(GRAPHQL_PATH)) url = url.slice(0, -GRAPHQL_PATH.length);
  url = url.replace(/\/+$/, '');
  const m = /^https:\/\/([a-z0-9-]+(\.[a-z0-9-]+)+)(:\d{1,5})?(\/[\w\-./]*)?$/i.exec(url);
  if (!m) return undefined;
  return `https://${m[1].toLowerCase()}${m[3] ?? ''}${m[4] ?? ''}`;
}

export function parseDemarche(text: string): number | undefined {
  const clean = text.trim();
  if (!/^\d{1,9}$/.test(clean)) return undefined;
  const n = Number(clean);
  return n > 0 ? n : undefined;
}

export const endpointOf = (url: string): string => `${url}${GRAPHQL_PATH}`;

// ---- The answers -------------------------------------------------------------------------------

interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

interface ChampNode {
  readonly __typename: string;
  readonly label: string;
  readonly stringValue: string | null;
  readonly checked?: boolean | null;
  readonly answer?: boolean | null;
  readonly integer?: string | null;
}

interface DossierNode {
  readonly number: number;
  readonly state: string;
  readonly archived: boolean;
  readonly dateDepot: string | null;
  readonly dateDerniereModification: string;
  readonly datePassageEnInstruction: string | null;
  readonly dateTraitement: string | null;
  readonly motivation: string | null;
  readonly usager: { readonly email: string } | null;
  readonly champs: readonly ChampNode[];
}

/** A dossier as a sync keeps it between pages: its number and its export line, label by label. */
export interface StagedDossier {
  readonly number: number;
  readonly modified: string;
  /** Values of the fixed export columns, in SYNC_FIXED_HEADERS order. */
  readonly fixed: readonly string[];
  /** Form fields: [label, value as the export writes it]. */
  readonly champs: readonly (readonly [string, string])[];
}

/** The export's fixed columns a sync can fill (system columns: never mistaken for form fields). */
export const SYNC_FIXED_HEADERS = [
  'ID',
  'Email',
  'À archiver',
  'État du dossier',
  'Dernière mise à jour le',
  'Déposé le',
  'Passé en instruction le',
  'Traité le',
  'Motivation de la décision',
] as const;

/** The states as an export writes them. */
export const STATE_LABELS: Readonly<Record<string, string>> = {
  en_construction: 'En construction',
  en_instruction: 'En instruction',
  accepte: 'Accepté',
  refuse: 'Refusé',
  sans_suite: 'Classé sans suite',
};

/** Champs that hold no answer and that exports leave out. */
const LAYOUT_CHAMPS = new Set(['HeaderSectionChamp', 'ExplicationChamp']);
const LAYOUT_TYPES = new Set(['header_section', 'explication']);

const yesNo = (value: boolean | null | undefined): string =>
  value === true ? 'Oui' : value === false ? 'Non' : '';

/** A champ's value as the export writes it (booleans as Oui / Non, as the export does). */
export function champText(champ: ChampNode): string {
  switch (champ.__typename) {
    case 'CheckboxChamp':
      return yesNo(champ.checked);
    case 'YesNoChamp':
      return yesNo(champ.answer);
    case 'IntegerNumberChamp':
      return champ.integer ?? champ.stringValue ?? '';
    default:
      return champ.stringValue ?? '';
  }
}

export function stageDossier(node: DossierNode): StagedDossier {
  const champs: [string, string][] = [];
  const seen = new Set<string>();
  for (const champ of node.champs ?? []) {
    const label = String(champ.label ?? '').trim();
    if (LAYOUT_CHAMPS.has(champ.__typename) || label === '' || seen.has(label)) continue;
    seen.add(label);
    champs.push([label, champText(champ)]);
  }
  return {
    number: node.number,
    modified: node.dateDerniereModification,
    fixed: [
      String(node.number),
      node.usager?.email ?? '',
      node.archived ? 'true' : 'false',
      STATE_LABELS[node.state] ?? node.state,
      node.dateDerniereModification ?? '',
      node.dateDepot ?? '',
      node.datePassageEnInstruction ?? '',
      node.dateTraitement ?? '',
      node.motivation ?? '',
    ],
    champs,
  };
}

/**
 * The rows an export of these dossiers gives: the fixed columns, then one column per field of the
 * démarche (in the form's order), then fields of older revisions met in the dossiers. Dossiers in
 * the order of their numbers (the order of filing), whatever the order the pages came in.
 */
export function exportRowsOf(
  labels: readonly string[],
  dossiers: readonly StagedDossier[],
): string[][] {
  const columns = [...new Set(labels)];
  const known = new Set(columns);
  for (const d of dossiers)
    for (const [label] of d.champs)
      if (!known.has(label)) {
        known.add(label);
        columns.push(label);
      }
  const rows = [...dossiers]
    .sort((a, b) => a.number - b.number)
    .map((d) => {
      const values = new Map(d.champs);
      return [...d.fixed, ...columns.map((label) => values.get(label) ?? '')];
    });
  return [[...SYNC_FIXED_HEADERS, ...columns], ...rows];
}

// ---- Paging state ------------------------------------------------------------------------------

/** Where a sync stands: kept in document properties when it must continue in a later execution. */
export interface SyncState {
  readonly demarche: number;
  readonly url: string;
  /** `updatedSince` of this sync (null: every dossier, as a full export). */
  readonly since: string | null;
  readonly phase: 'dossiers' | 'deleted' | 'done';
  readonly cursor: string | null;
  /** Newest `dateDerniereModification` seen: the next sync's `updatedSince`. */
  readonly latest: string | null;
  /** The form's field labels (active revision), for the export columns. */
  readonly labels: readonly string[];
  /** Dossiers and deletions kept in the staging sheet when the sync paused. */
  readonly staged: number;
  /** Fingerprint of the "Correspondance DS" rules when the sync started. */
  readonly rules: string;
}

export function startState(connection: DsConnection, since: string | null, rules = ''): SyncState {
  return {
    rules,
    demarche: connection.demarche,
    url: connection.url,
    since,
    phase: 'dossiers',
    cursor: null,
    latest: since,
    labels: [],
    staged: 0,
  };
}

export function pageRequest(state: SyncState): GraphqlRequest {
  if (state.phase === 'deleted')
    return {
      query: DELETED_QUERY,
      operationName: 'dossiersSupprimes',
      variables: {
        demarche: state.demarche,
        first: PAGE_SIZE,
        after: state.cursor,
        deletedSince: state.since,
      },
    };
  return {
    query: DOSSIERS_QUERY,
    operationName: 'dossiersDuRecensement',
    variables: {
      demarche: state.demarche,
      first: PAGE_SIZE,
      after: state.cursor,
      ...(state.since === null ? {} : { updatedSince: state.since }),
    },
  };
}

export interface SyncPage {
  readonly state: SyncState;
  readonly dossiers: readonly StagedDossier[];
  readonly deleted: readonly number[];
}

const later = (a: string | null, b: string | null): string | null => {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
};

/** Reads one page's data and moves the state on (to the deleted dossiers, then to the end). */
export function readPage(state: SyncState, data: unknown): SyncPage {
  const demarche = (data as { demarche?: Record<string, unknown> } | null)?.demarche;
  if (!demarche) throw new DsAnswerError(DS_TEXT.unreadable);
  if (state.phase === 'deleted') {
    const connection = demarche.deletedDossiers as
      { pageInfo: PageInfo; nodes: ({ number: number } | null)[] } | undefined;
    if (!connection?.pageInfo) throw new DsAnswerError(DS_TEXT.unreadable);
    const deleted = (connection.nodes ?? []).flatMap((n) => (n ? [n.number] : []));
    const next = connection.pageInfo.hasNextPage && connection.pageInfo.endCursor;
    return {
      state: { ...state, phase: next ? 'deleted' : 'done', cursor: next || null },
      dossiers: [],
      deleted,
    };
  }
  const connection = demarche.dossiers as
    { pageInfo: PageInfo; nodes: (DossierNode | null)[] } | undefined;
  if (!connection?.pageInfo) throw new DsAnswerError(DS_TEXT.unreadable);
  const dossiers = (connection.nodes ?? []).flatMap((n) => (n ? [stageDossier(n)] : []));
  const revision = demarche.activeRevision as
    { champDescriptors?: { label: string; type: string }[] } | undefined;
  const labels =
    revision?.champDescriptors
      ?.filter((d) => !LAYOUT_TYPES.has(d.type))
      .map((d) => String(d.label).trim()) ?? state.labels;
  const latest = dossiers.reduce<string | null>((l, d) => later(l, d.modified), state.latest);
  const next = connection.pageInfo.hasNextPage && connection.pageInfo.endCursor;
  const base = { ...state, labels, latest };
  const state2: SyncState = next
    ? { ...base, cursor: next }
    : // Deleted dossiers matter only since the last sync: a full sync lists what exists.
      { ...base, phase: state.since === null ? 'done' : 'deleted', cursor: null };
  return { state: state2, dossiers, deleted: [] };
}

/** What a sync keeps of its dossiers: the last version of each (a page fetched twice is harmless). */
export function mergeStaged(
  staged: ReadonlyMap<number, StagedDossier>,
  fresh: readonly StagedDossier[],
): Map<number, StagedDossier> {
  const merged = new Map(staged);
  for (const d of fresh) {
    merged.delete(d.number);
    merged.set(d.number, d);
  }
  return merged;
}

export function parseState(text: string | null): SyncState | undefined {
  if (!text) return undefined;
  try {
    const state = JSON.parse(text) as SyncState;
    if (typeof state.demarche !== 'number' || typeof state.url !== 'string') return undefined;
    if (!['dossiers', 'deleted', 'done'].includes(state.phase)) return undefined;
    return {
      ...state,
      staged: Number.isInteger(state.staged) ? state.staged : 1,
      rules: typeof state.rules === 'string' ? state.rules : '',
    };
  } catch {
    return undefined;
  }
}

// ---- Failures ----------------------------------------------------------------------------------

export class DsAnswerError extends UserError {
  constructor(
    message: string,
    /** For a rate limit: when to try again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** An HTTP answer, as the adapter read it; `network` when the request never got one. */
export type HttpOutcome =
  | {
      readonly status: number;
      readonly headers: Readonly<Record<string, unknown>>;
      readonly body: string;
    }
  | { readonly network: string };

const headerValue = (headers: Readonly<Record<string, unknown>>, name: string): string => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? String(value[0]) : value === undefined ? '' : String(value);
};

/** `RateLimit-Reset`: seconds to wait (or, from some servers, the reset time in epoch seconds). */
export function resetDelayMs(headers: Readonly<Record<string, unknown>>, now: number): number {
  const value = Number(
    headerValue(headers, 'RateLimit-Reset') || headerValue(headers, 'Retry-After'),
  );
  if (!Number.isFinite(value) || value <= 0) return 60_000;
  const seconds = value > 1_000_000_000 ? value - now / 1000 : value;
  return Math.min(Math.max(Math.ceil(seconds), 1), 3600) * 1000;
}

/** A message from the server, without the token should it ever echo it. */
const scrub = (text: string, secret: string): string =>
  secret === '' ? text : text.split(secret).join('•••');

/**
 * The data of a GraphQL answer, or a DsAnswerError with the coordinator's French message. Every
 * failure is told apart: wrong, expired or IP-limited token, démarche not found or not accessible,
 * rate limit, network, server, wrong address.
 */
export function answerData(
  outcome: HttpOutcome,
  demarche: number,
  token: string,
  now: number,
): unknown {
  if ('network' in outcome)
    throw new DsAnswerError(DS_TEXT.network(scrub(outcome.network, token).slice(0, 200)));
  const { status, headers, body } = outcome;
  if (status === 401)
    throw new DsAnswerError(/expir/i.test(body) ? DS_TEXT.expiredToken : DS_TEXT.badToken);
  if (status === 403) throw new DsAnswerError(DS_TEXT.ipLimited);
  if (status === 429) {
    const wait = resetDelayMs(headers, now);
    throw new DsAnswerError(DS_TEXT.rateLimit(Math.round(wait / 1000)), wait);
  }
  if (status >= 500) throw new DsAnswerError(DS_TEXT.server(status));
  if (status < 200 || status > 299) throw new DsAnswerError(DS_TEXT.wrongAddress(status));
  let json: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    throw new DsAnswerError(DS_TEXT.unreadable);
  }
  if (!json || typeof json !== 'object') throw new DsAnswerError(DS_TEXT.unreadable);
  const errors = Array.isArray(json.errors) ? json.errors : [];
  if (errors.length > 0) {
    const access = errors.find(
      (e) =>
        ['not_found', 'unauthorized', 'forbidden'].includes(String(e.extensions?.code)) ||
        /not found|introuvable|hidden due to permissions|permission/i.test(String(e.message)),
    );
    if (access) throw new DsAnswerError(DS_TEXT.notFound(demarche));
    const message = errors
      .map((e) => String(e.message ?? ''))
      .join(' ; ')
      .slice(0, 300);
    throw new DsAnswerError(DS_TEXT.refused(scrub(message, token)));
  }
  if (json.data === undefined || json.data === null) throw new DsAnswerError(DS_TEXT.unreadable);
  return json.data;
}

/** The title and count of "Tester la connexion", from its pages. */
export function testedLines(
  demarche: number,
  title: string,
  count: number,
  complete: boolean,
): string[] {
  return DS_TEXT.tested(title, demarche, count, complete);
}

export function readCountPage(data: unknown): {
  title: string;
  count: number;
  next: string | null;
} {
  const demarche = (data as { demarche?: Record<string, unknown> } | null)?.demarche;
  const connection = demarche?.dossiers as
    { pageInfo: PageInfo; nodes: unknown[] | null } | undefined;
  if (!demarche || !connection?.pageInfo) throw new DsAnswerError(DS_TEXT.unreadable);
  return {
    title: String(demarche.title ?? ''),
    count: (connection.nodes ?? []).filter((n) => n !== null).length,
    next: (connection.pageInfo.hasNextPage && connection.pageInfo.endCursor) || null,
  };
}

// ---- Between executions ------------------------------------------------------------------------

/** Characters of JSON per cell of the staging sheet (a cell holds at most 50,000). */
const CHUNK = 40_000;

/** A JSON text split across cells. */
function chunked(kind: string, value: unknown): string[] {
  const json = JSON.stringify(value);
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
  return [kind, ...chunks];
}

/**
 * The staging sheet's lines: the form's labels (too long for a property on a large form), one line
 * per dossier read so far (its JSON split across cells when long), one per deleted dossier.
 */
export function stagingValues(
  dossiers: Iterable<StagedDossier>,
  deleted: Iterable<number>,
  labels: readonly string[] = [],
): string[][] {
  const lines: string[][] = [chunked('libellés', labels)];
  for (const d of dossiers) lines.push(chunked('dossier', d));
  for (const n of deleted) lines.push(['supprimé', JSON.stringify({ number: n })]);
  const width = Math.max(2, ...lines.map((l) => l.length));
  return lines.map((l) => [...l, ...new Array<string>(width - l.length).fill('')]);
}

/** Reads the staging sheet back (lines that cannot be read are skipped: their page is fetched again). */
export function stagedFrom(values: readonly (readonly unknown[])[]): {
  dossiers: Map<number, StagedDossier>;
  deleted: Set<number>;
  labels: string[];
} {
  const dossiers = new Map<number, StagedDossier>();
  const deleted = new Set<number>();
  let labels: string[] = [];
  for (const line of values) {
    const kind = String(line[0] ?? '');
    const json = line
      .slice(1)
      .map((v) => String(v ?? ''))
      .join('');
    try {
      if (kind === 'libellés') {
        const parsed = JSON.parse(json) as unknown;
        if (Array.isArray(parsed)) labels = parsed.map(String);
        continue;
      }
      const parsed = JSON.parse(json) as StagedDossier;
      if (typeof parsed.number !== 'number') continue;
      if (kind === 'supprimé') deleted.add(parsed.number);
      else if (kind === 'dossier' && Array.isArray(parsed.fixed) && Array.isArray(parsed.champs)) {
        dossiers.delete(parsed.number);
        dossiers.set(parsed.number, parsed);
      }
    } catch {
      // a line edited by hand: skipped
    }
  }
  return { dossiers, deleted, labels };
}
