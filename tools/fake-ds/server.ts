// A fake démarches simplifiées for the tests and `synchroniser --simulation`: one démarche, its
// dossiers and deleted dossiers, tokens (valid, expired, limited to other networks, without access),
// 400 requests a minute per token. Every query is parsed and validated against the schema subset
// (schema.ts), its depth checked (at most 15) and `first` capped at 100, then executed. Failures
// can be forced: an HTTP status (401, 403, 429 with RateLimit-Reset, 500), a GraphQL error, or a
// network failure, for the next request or for a given request number.

import {
  executeSync,
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  validate,
} from 'graphql';
import type { HttpAnswer, HttpRequest } from '../emulator';
import { dsSchema } from './schema';
import {
  type ChampDescriptor,
  CHAMP_DESCRIPTORS,
  dossierOf,
  exportCsvOfDossiers,
  type FakeDossier,
  isoParis,
} from './dossiers';
import type { SampleMember } from '../sample/members';

export const FAKE_TOKEN = 'ZmFrZS1kcy10b2tlbi0xMjM0NTY3ODkw';
export const FAKE_DEMARCHE = 98765;
export const FAKE_URL = 'https://demarche.numerique.gouv.fr';
const MAX_DEPTH = 15;
const MAX_PAGE = 100;
export const RATE_PER_MINUTE = 400;

export type TokenKind = 'valid' | 'expired' | 'ip-limited' | 'no-access';

/** An answer forced instead of the real one. */
export type ForcedFailure =
  | { readonly status: 401 | 403 | 500 | 502 | 503; readonly body?: string }
  | { readonly status: 429; readonly resetSeconds: number }
  | { readonly graphqlError: string; readonly code?: string }
  | { readonly network: string };

export interface DeletedDossier {
  readonly id: string;
  readonly number: number;
  readonly state: string;
  readonly reason: string;
  readonly dateSupression: string;
}

export interface ReceivedQuery {
  readonly operationName: string;
  readonly variables: Record<string, unknown>;
  /** The HTTP status answered (0: a network failure, no answer). */
  readonly status: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}

/** The depth of the deepest field, fragments expanded (the platform refuses beyond 15). */
function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): number {
  if (!set) return 0;
  let max = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD)
      max = Math.max(max, 1 + depthOf(selection.selectionSet, fragments, seen));
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      max = Math.max(max, depthOf(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      const inner = new Set(seen).add(selection.name.value);
      max = Math.max(max, depthOf(fragment?.selectionSet, fragments, inner));
    }
  }
  return max;
}

const cursorOf = (key: string, number: number): string =>
  Buffer.from(JSON.stringify([key, number])).toString('base64');

function afterCursor(cursor: unknown): [string, number] | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(String(cursor), 'base64').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number')
      return [value[0], value[1]];
  } catch {
    // below
  }
  throw new GraphQLError('Invalid cursor', { extensions: { code: 'bad_request' } });
}

/** One page of a list sorted by (key, number), after a keyset cursor. */
function paginate<T extends { number: number }>(
  items: readonly T[],
  keyOf: (item: T) => string,
  args: { first?: number | null; after?: string | null },
): { nodes: T[]; pageInfo: Record<string, unknown> } {
  const first = args.first ?? MAX_PAGE;
  if (first > MAX_PAGE || first < 0)
    throw new GraphQLError(`first doit être compris entre 0 et ${MAX_PAGE}`, {
      extensions: { code: 'bad_request' },
    });
  const sorted = [...items].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.number - b.number;
  });
  const after = afterCursor(args.after);
  const rest = after
    ? sorted.filter((item) => {
        const k = keyOf(item);
        return k > after[0] || (k === after[0] && item.number > after[1]);
      })
    : sorted;
  const nodes = rest.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    pageInfo: {
      hasNextPage: rest.length > nodes.length,
      hasPreviousPage: after !== undefined,
      startCursor: nodes[0] ? cursorOf(keyOf(nodes[0]), nodes[0].number) : null,
      endCursor: last ? cursorOf(keyOf(last), last.number) : null,
    },
  };
}

/** Sort key of an ISO date: the instant, fixed width (the API sorts by instant, not by text). */
const instantKey = (iso: string): string => String(Date.parse(iso)).padStart(15, '0');

export interface FakeOptions {
  readonly members?: readonly SampleMember[];
  /** The clock: "now" of changes and of the rate limit (the world's simulated clock in tests). */
  readonly now: () => number;
  readonly demarche?: number;
  readonly title?: string;
}

export class FakeDemarchesSimplifiees {
  readonly number: number;
  readonly title: string;
  dossiers: FakeDossier[];
  deleted: DeletedDossier[] = [];
  readonly tokens = new Map<string, TokenKind>([[FAKE_TOKEN, 'valid']]);
  /** Forced answers, by request number (1-based), or for the next request. */
  readonly failAt = new Map<number, ForcedFailure>();
  readonly failNext: ForcedFailure[] = [];
  readonly received: ReceivedQuery[] = [];
  /** The form's fields (the active revision). */
  descriptors: ChampDescriptor[] = CHAMP_DESCRIPTORS.map((d) => ({ ...d }));
  private readonly hits: number[] = [];
  private readonly now: () => number;

  constructor(options: FakeOptions) {
    this.now = options.now;
    this.number = options.demarche ?? FAKE_DEMARCHE;
    this.title = options.title ?? 'Recensement des besoins — groupement de services numériques';
    this.dossiers = (options.members ?? []).map((m, i) => dossierOf(m, i, options.now()));
  }

  /** The request handler the emulator's UrlFetchApp calls. */
  readonly handle = (request: HttpRequest): HttpAnswer => {
    const index = this.received.length + 1;
    let body: { operationName?: unknown; variables?: unknown } = {};
    try {
      body = JSON.parse(request.payload) as typeof body;
    } catch {
      // recorded as is
    }
    const record = (status: number): void => {
      this.received.push({
        operationName: String(body.operationName ?? ''),
        variables: (body.variables ?? {}) as Record<string, unknown>,
        status,
      });
    };
    let answer: HttpAnswer;
    try {
      answer = this.answer(request, index);
    } catch (error) {
      record(0); // no answer: a network failure
      throw error;
    }
    record(answer.status);
    return answer;
  };

  /** Changes a dossier as its applicant or an instructor would; its modification date is now. */
  update(number: number, change: (dossier: FakeDossier) => void): FakeDossier {
    const dossier = this.dossiers.find((d) => d.number === number);
    if (!dossier) throw new Error(`No dossier ${number}`);
    change(dossier);
    dossier.dateDerniereModification = isoParis(this.now());
    return dossier;
  }

  /** Deletes a dossier (it then appears in deletedDossiers). */
  remove(number: number, reason = 'user_request'): void {
    const dossier = this.dossiers.find((d) => d.number === number);
    if (!dossier) throw new Error(`No dossier ${number}`);
    this.dossiers = this.dossiers.filter((d) => d !== dossier);
    this.deleted.push({
      id: Buffer.from(`DeletedDossier-${number}`).toString('base64'),
      number,
      state: dossier.state,
      reason,
      dateSupression: isoParis(this.now()),
    });
  }

  /** The administrator renames a field of the form (a new revision: every dossier follows). */
  renameField(from: string, to: string): void {
    this.descriptors = this.descriptors.map((d) => (d.label === from ? { ...d, label: to } : d));
    for (const dossier of this.dossiers)
      dossier.champs = dossier.champs.map((c) => (c.label === from ? { ...c, label: to } : c));
  }

  /** The CSV export the platform would give of the current dossiers. */
  exportCsv(): string {
    return exportCsvOfDossiers(this.dossiers, this.descriptors);
  }

  private forced(index: number): ForcedFailure | undefined {
    return this.failAt.get(index) ?? this.failNext.shift();
  }

  private answer(request: HttpRequest, index: number): HttpAnswer {
    const forced = this.forced(index);
    if (forced && 'network' in forced) throw new Error(forced.network);
    const url = new URL(request.url);
    if (url.pathname !== '/api/v2/graphql')
      return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<h1>404</h1>' };
    if (request.method !== 'POST')
      return json(405, { errors: [{ message: 'Method not allowed' }] });
    const auth = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'authorization');
    const token = /^Bearer (.+)$/.exec(auth?.[1] ?? '')?.[1] ?? '';
    const kind = this.tokens.get(token);
    if (forced && 'status' in forced) {
      if (forced.status === 429)
        return json(
          429,
          { errors: [{ message: 'Too many requests' }] },
          { 'RateLimit-Reset': String(forced.resetSeconds) },
        );
      return json(forced.status, forced.body ?? { errors: [{ message: 'Forced failure' }] });
    }
    if (kind === undefined) return json(401, { errors: [{ message: 'Unauthorized' }] });
    if (kind === 'expired') return json(401, { errors: [{ message: 'Token expired' }] });
    if (kind === 'ip-limited')
      return json(403, { errors: [{ message: 'Forbidden: IP address not allowed' }] });
    const now = this.now();
    while (this.hits.length > 0 && this.hits[0] <= now - 60_000) this.hits.shift();
    if (this.hits.length >= RATE_PER_MINUTE) {
      const reset = Math.ceil((this.hits[0] + 60_000 - now) / 1000);
      return json(
        429,
        { errors: [{ message: 'Too many requests' }] },
        { 'RateLimit-Limit': String(RATE_PER_MINUTE), 'RateLimit-Reset': String(reset) },
      );
    }
    this.hits.push(now);
    if (!/^application\/json/i.test(request.contentType))
      return json(400, { errors: [{ message: 'Content-Type must be application/json' }] });
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(request.payload) as typeof body;
    } catch {
      return json(400, { errors: [{ message: 'Invalid JSON body' }] });
    }
    if (forced && 'graphqlError' in forced)
      return json(200, {
        data: null,
        errors: [
          {
            message: forced.graphqlError,
            locations: [{ line: 2, column: 3 }],
            path: ['demarche'],
            extensions: { code: forced.code ?? 'internal_server_error' },
          },
        ],
      });
    return json(200, this.execute(body, kind));
  }

  /** Parses, validates (schema, depth, page size) and executes a query. */
  execute(
    body: { query?: unknown; variables?: unknown; operationName?: unknown },
    kind: TokenKind = 'valid',
  ): { data?: unknown; errors?: unknown[] } {
    let document: DocumentNode;
    try {
      document = parse(String(body.query ?? ''));
    } catch (error) {
      return { errors: [{ message: (error as Error).message }] };
    }
    const errors = validate(dsSchema(), document);
    if (errors.length > 0) return { errors: errors.map((e) => e.toJSON()) };
    const fragments = fragmentsOf(document);
    for (const definition of document.definitions)
      if (
        definition.kind === Kind.OPERATION_DEFINITION &&
        depthOf(definition.selectionSet, fragments) > MAX_DEPTH
      )
        return { errors: [{ message: `Query has depth greater than ${MAX_DEPTH}` }] };
    const result = executeSync({
      schema: dsSchema(),
      document,
      variableValues: (body.variables ?? {}) as Record<string, unknown>,
      operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
      rootValue: { demarche: (args: { number: number }) => this.demarche(args.number, kind) },
    });
    return JSON.parse(JSON.stringify(result)) as { data?: unknown; errors?: unknown[] };
  }

  private demarche(number: number, kind: TokenKind): unknown {
    if (number !== this.number)
      throw new GraphQLError('Demarche not found', { extensions: { code: 'not_found' } });
    if (kind === 'no-access')
      throw new GraphQLError('An object of type Demarche was hidden due to permissions', {
        extensions: { code: 'unauthorized' },
      });
    return {
      id: Buffer.from(`Procedure-${this.number}`).toString('base64'),
      number: this.number,
      title: this.title,
      state: 'publiee',
      activeRevision: { id: 'UmV2aXNpb24tMQ==', champDescriptors: this.descriptors },
      dossiers: (args: {
        first?: number | null;
        after?: string | null;
        updatedSince?: string | null;
        state?: string | null;
      }) => {
        const since = args.updatedSince ? Date.parse(args.updatedSince) : undefined;
        if (since !== undefined && Number.isNaN(since))
          throw new GraphQLError('Invalid updatedSince', { extensions: { code: 'bad_request' } });
        const listed = this.dossiers.filter(
          (d) =>
            (since === undefined || Date.parse(d.dateDerniereModification) >= since) &&
            (!args.state || d.state === args.state),
        );
        // By deposit date; by last change when asked what changed since a date.
        return paginate(
          listed,
          (d) => instantKey(since === undefined ? d.dateDepot : d.dateDerniereModification),
          args,
        );
      },
      deletedDossiers: (args: {
        first?: number | null;
        after?: string | null;
        deletedSince?: string | null;
      }) => {
        const since = args.deletedSince ? Date.parse(args.deletedSince) : undefined;
        const listed = this.deleted.filter(
          (d) => since === undefined || Date.parse(d.dateSupression) >= since,
        );
        return paginate(listed, (d) => instantKey(d.dateSupression), args);
      },
    };
  }
}
