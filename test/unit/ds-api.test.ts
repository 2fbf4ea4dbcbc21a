// The sync's pure core: addresses, answers classified into French messages, export-like rows,
// paging state, and the staging lines kept between executions.

import {
  answerData,
  champText,
  DEFAULT_DS_URL,
  DsAnswerError,
  exportRowsOf,
  mergeStaged,
  normalizeBaseUrl,
  OLD_DS_URL,
  parseDemarche,
  parseState,
  readPage,
  resetDelayMs,
  stageDossier,
  stagedFrom,
  stagingValues,
  startState,
  SYNC_FIXED_HEADERS,
} from '../../src/core/ds-api';
import { isSystemHeader } from '../../src/core/ds-import';

const TOKEN = 'secret-token-0123456789';
const ok = (body: unknown) => ({ status: 200, headers: {}, body: JSON.stringify(body) });
const failure = (outcome: Parameters<typeof answerData>[0]): DsAnswerError => {
  try {
    answerData(outcome, 42, TOKEN, 0);
  } catch (error) {
    return error as DsAnswerError;
  }
  throw new Error('no failure');
};

describe('connection settings', () => {
  it('accepts the current and the old host, with or without the API path', () => {
    expect(normalizeBaseUrl('')).toBe(DEFAULT_DS_URL);
    expect(normalizeBaseUrl(' https://www.demarches-simplifiees.fr/ ')).toBe(OLD_DS_URL);
    expect(normalizeBaseUrl('demarche.numerique.gouv.fr/api/v2/graphql')).toBe(DEFAULT_DS_URL);
    expect(normalizeBaseUrl('http://demarche.numerique.gouv.fr')).toBeUndefined();
    expect(normalizeBaseUrl('javascript:alert(1)')).toBeUndefined();
    expect(parseDemarche(' 98765 ')).toBe(98765);
    expect(parseDemarche('98 765')).toBeUndefined();
    expect(parseDemarche('0')).toBeUndefined();
  });
});

describe('answers', () => {
  it('gives each failure its French message', () => {
    expect(
      failure({ status: 401, headers: {}, body: '{"errors":[{"message":"Unauthorized"}]}' })
        .message,
    ).toMatch(/^Jeton d'API refusé/);
    expect(failure({ status: 401, headers: {}, body: 'Token expired' }).message).toMatch(
      /a expiré/,
    );
    expect(failure({ status: 403, headers: {}, body: '' }).message).toMatch(/adresses IP/);
    expect(failure({ status: 404, headers: {}, body: '<h1>' }).message).toMatch(
      /ne mène pas à l'API/,
    );
    expect(failure({ status: 502, headers: {}, body: '' }).message).toMatch(/indisponible/);
    expect(failure({ network: 'DNS error: x' }).message).toMatch(/ne répond pas.*DNS error: x/);
    expect(failure({ status: 200, headers: {}, body: '<html>' }).message).toMatch(/illisible/);
    expect(
      failure(
        ok({
          data: null,
          errors: [{ message: 'Demarche not found', extensions: { code: 'not_found' } }],
        }),
      ).message,
    ).toMatch(/^Démarche n° 42 introuvable ou non accessible/);
    expect(
      failure(
        ok({ errors: [{ message: 'An object of type Demarche was hidden due to permissions' }] }),
      ).message,
    ).toMatch(/^Démarche n° 42 introuvable/);
    const echoed = failure(ok({ errors: [{ message: `bad ${TOKEN}` }] })).message;
    expect(echoed).toBe(
      "démarches simplifiées a refusé la requête : bad •••. Rien n'a été modifié.",
    );
  });

  it('reads RateLimit-Reset as seconds to wait (or an epoch time)', () => {
    const limited = failure({ status: 429, headers: { 'ratelimit-reset': '30' }, body: '' });
    expect(limited.retryAfterMs).toBe(30_000);
    expect(resetDelayMs({ 'RateLimit-Reset': '1772434860' }, 1772434800_000)).toBe(60_000);
    expect(resetDelayMs({}, 0)).toBe(60_000);
  });
});

describe('rows as an export gives them', () => {
  const node = (number: number, modified: string, champs: object[]) => ({
    number,
    state: 'sans_suite',
    archived: false,
    dateDepot: '2025-09-12T10:31:02+02:00',
    dateDerniereModification: modified,
    datePassageEnInstruction: null,
    dateTraitement: null,
    motivation: null,
    usager: { email: 'a@b.fr' },
    champs: champs as never,
  });

  it('writes booleans as Oui / Non, integers as text, skips layout champs', () => {
    expect(
      champText({ __typename: 'CheckboxChamp', label: 'x', stringValue: 'true', checked: true }),
    ).toBe('Oui');
    expect(
      champText({ __typename: 'YesNoChamp', label: 'x', stringValue: 'false', answer: false }),
    ).toBe('Non');
    expect(
      champText({ __typename: 'YesNoChamp', label: 'x', stringValue: 'false', answer: null }),
    ).toBe('');
    expect(
      champText({ __typename: 'IntegerNumberChamp', label: 'x', stringValue: '3', integer: '3' }),
    ).toBe('3');
    const staged = stageDossier(
      node(7, '2026-03-01T10:00:00+01:00', [
        { __typename: 'HeaderSectionChamp', label: 'Section', stringValue: null },
        { __typename: 'TextChamp', label: 'Vague', stringValue: 'Automne 2025' },
      ]),
    );
    expect(staged.champs).toEqual([['Vague', 'Automne 2025']]);
    expect(staged.fixed[3]).toBe('Classé sans suite');
    // Every fixed column is a standard one: never taken for a field of the form.
    expect(SYNC_FIXED_HEADERS.every(isSystemHeader)).toBe(true);
    const older = stageDossier(
      node(3, '2026-03-01T09:00:00+01:00', [
        { __typename: 'TextChamp', label: 'Ancien champ', stringValue: 'v' },
      ]),
    );
    const rows = exportRowsOf(['Vague', 'Commentaire'], [staged, older]);
    expect(rows[0]).toEqual([...SYNC_FIXED_HEADERS, 'Vague', 'Commentaire', 'Ancien champ']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['3', '7']);
  });

  it('moves from dossiers to deleted dossiers only on an incremental sync, keeping the newest change', () => {
    const data = (next: string | null, modified: string) => ({
      demarche: {
        title: 'T',
        activeRevision: {
          champDescriptors: [
            { label: 'Vague', type: 'text' },
            { label: 'S', type: 'header_section' },
          ],
        },
        dossiers: {
          pageInfo: { hasNextPage: next !== null, endCursor: next },
          nodes: [node(1, modified, [])],
        },
      },
    });
    const full = startState({ demarche: 1, url: DEFAULT_DS_URL }, null);
    const first = readPage(full, data('c1', '2026-03-01T10:00:00+01:00'));
    expect(first.state).toMatchObject({ phase: 'dossiers', cursor: 'c1', labels: ['Vague'] });
    const last = readPage(first.state, data(null, '2026-02-01T10:00:00+01:00'));
    expect(last.state).toMatchObject({ phase: 'done', latest: '2026-03-01T10:00:00+01:00' });
    const since = startState({ demarche: 1, url: DEFAULT_DS_URL }, '2026-03-01T10:00:00+01:00');
    const changed = readPage(since, data(null, '2026-03-02T08:00:00+01:00'));
    expect(changed.state).toMatchObject({
      phase: 'deleted',
      cursor: null,
      latest: '2026-03-02T08:00:00+01:00',
    });
    const gone = readPage(changed.state, {
      demarche: {
        deletedDossiers: {
          pageInfo: { hasNextPage: false, endCursor: null },
          nodes: [{ number: 9 }],
        },
      },
    });
    expect(gone).toMatchObject({ deleted: [9], state: { phase: 'done' } });
    expect(parseState(JSON.stringify(gone.state))).toEqual({ ...gone.state, staged: 0 });
    expect(parseState('{oops')).toBeUndefined();
  });

  it('keeps the last version of a dossier read twice, and survives the staging sheet', () => {
    const a = stageDossier(node(1, '2026-03-01T10:00:00+01:00', []));
    const b = stageDossier(
      node(1, '2026-03-02T10:00:00+01:00', [
        { __typename: 'TextChamp', label: 'Commentaire', stringValue: `=${'x'.repeat(90_000)}` },
      ]),
    );
    const merged = mergeStaged(new Map([[1, a]]), [b]);
    expect([...merged.values()]).toEqual([b]);
    const labels = Array.from({ length: 300 }, (_, i) => `Champ n° ${i} : ${'libellé '.repeat(8)}`);
    const lines = stagingValues(merged.values(), [5], labels);
    expect(lines[1].length).toBeGreaterThan(2);
    expect(lines.every((l) => l.every((v) => v.length <= 40_000))).toBe(true);
    const back = stagedFrom(lines);
    expect([...back.dossiers.values()]).toEqual([b]);
    expect([...back.deleted]).toEqual([5]);
    expect(back.labels).toEqual(labels);
  });
});
