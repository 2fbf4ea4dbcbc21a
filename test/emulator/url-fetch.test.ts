// UrlFetchApp in the emulator (counted, scoped, muteHttpExceptions, headers) and the fake
// démarches simplifiées behind it: every query validated against the schema subset, pages with
// cursors, 400 requests a minute, failures on demand.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DELETED_QUERY,
  DOSSIERS_QUERY,
  pageRequest,
  startState,
  TEST_QUERY,
} from '../../src/core/ds-api';
import { AppsScriptWorld } from '../../tools/emulator';
import {
  FAKE_DEMARCHE,
  FAKE_TOKEN,
  FAKE_URL,
  FakeDemarchesSimplifiees,
  RATE_PER_MINUTE,
} from '../../tools/fake-ds/server';
import { sampleMembers } from '../../tools/sample/members';

const S = 'https://www.googleapis.com/auth/';
const ENDPOINT = `${FAKE_URL}/api/v2/graphql`;

function project(code: string, scopes: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fetch-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ oauthScopes: scopes }));
  return dir;
}

const CODE = `
function post(url, token, body, mute) {
  var r = UrlFetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify(body),
    headers: { Authorization: 'Bearer ' + token },
    muteHttpExceptions: mute,
  });
  return { code: r.getResponseCode(), text: r.getContentText(), headers: r.getHeaders() };
}
`;

function worldWith(
  members = 0,
  scopes = [`${S}script.external_request`],
): { world: AppsScriptWorld; fake: FakeDemarchesSimplifiees } {
  const world = new AppsScriptWorld({ distDir: project(CODE, scopes) });
  const fake = new FakeDemarchesSimplifiees({
    members: sampleMembers(members),
    now: () => world.clock.now(),
  });
  world.network.handler = fake.handle;
  return { world, fake };
}

type Answer = { code: number; text: string; headers: Record<string, string> };
const post = (world: AppsScriptWorld, body: unknown, token = FAKE_TOKEN, mute = true) =>
  world.run<Answer>('post', [ENDPOINT, token, body, mute]);

describe('UrlFetchApp', () => {
  it('is counted like every call, and refused without script.external_request', () => {
    const { world } = worldWith(3);
    const { value, execution } = post(world, {
      query: TEST_QUERY,
      variables: { demarche: FAKE_DEMARCHE, first: 100 },
    });
    expect(value.code).toBe(200);
    expect(execution.calls.get('UrlFetchApp.fetch')).toBe(1);
    expect(execution.calls.get('HTTPResponse.getContentText')).toBe(1);
    expect(execution.total).toBe(4);
    expect(world.network.requests[0]).toMatchObject({
      url: ENDPOINT,
      method: 'POST',
      contentType: 'application/json',
      headers: { Authorization: `Bearer ${FAKE_TOKEN}` },
    });
    const refused = worldWith(0, [`${S}spreadsheets.currentonly`]).world;
    expect(() => post(refused, {})).toThrow(
      `You do not have permission to call UrlFetchApp.fetch. Required permissions: ${S}script.external_request`,
    );
    expect(refused.network.requests).toEqual([]);
  });

  it('throws on a non-2xx answer unless muteHttpExceptions, as Apps Script does', () => {
    const { world, fake } = worldWith();
    fake.tokens.clear();
    expect(() => post(world, { query: TEST_QUERY }, FAKE_TOKEN, false)).toThrow(
      /^Exception: Request failed for https:\/\/demarche\.numerique\.gouv\.fr returned code 401\. Truncated server response: .*\(use muteHttpExceptions option to examine full response\)$/,
    );
    expect(post(world, { query: TEST_QUERY }).value.code).toBe(401);
  });

  it('gives the headers of the answer, and "Address unavailable" without a network', () => {
    const { world, fake } = worldWith();
    fake.failNext.push({ status: 429, resetSeconds: 17 });
    const { value } = post(world, { query: TEST_QUERY });
    expect(value.code).toBe(429);
    expect(value.headers['RateLimit-Reset']).toBe('17');
    world.network.handler = undefined;
    expect(() => post(world, {})).toThrow(`Exception: Address unavailable: ${ENDPOINT}`);
  });

  it('is refused in a simple trigger', () => {
    const { world } = worldWith();
    expect(() =>
      world.run('post', [ENDPOINT, FAKE_TOKEN, {}, true], { simpleTrigger: true }),
    ).toThrow(/A simple trigger cannot do this/);
  });
});

describe('the fake démarches simplifiées', () => {
  it('accepts the queries the sync sends, and pages 250 dossiers by 100 with cursors', () => {
    const { world, fake } = worldWith(250);
    let state = startState({ demarche: FAKE_DEMARCHE, url: FAKE_URL }, null);
    const numbers: number[] = [];
    for (let page = 0; page < 3; page++) {
      const answer = JSON.parse(post(world, pageRequest(state)).value.text);
      expect(answer.errors).toBeUndefined();
      const connection = answer.data.demarche.dossiers;
      numbers.push(...connection.nodes.map((n: { number: number }) => n.number));
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
      state = { ...state, cursor: connection.pageInfo.endCursor };
    }
    expect(new Set(numbers).size).toBe(250);
    expect(fake.received.map((q) => q.status)).toEqual([200, 200, 200]);
    const deleted = JSON.parse(
      post(world, {
        query: DELETED_QUERY,
        variables: {
          demarche: FAKE_DEMARCHE,
          first: 100,
          deletedSince: '2026-01-01T00:00:00+01:00',
        },
      }).value.text,
    );
    expect(deleted).toEqual({
      data: {
        demarche: {
          deletedDossiers: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
        },
      },
    });
  });

  it('answers realistic dossiers: states, annuaire value, checkbox, yes/no, integers as strings', () => {
    const { world } = worldWith(60);
    const answer = JSON.parse(
      post(world, {
        query: DOSSIERS_QUERY,
        variables: { demarche: FAKE_DEMARCHE, first: 100 },
      }).value.text,
    );
    const nodes = answer.data.demarche.dossiers.nodes as {
      state: string;
      champs: { __typename: string; stringValue: string; checked?: unknown; integer?: unknown }[];
    }[];
    expect(new Set(nodes.map((n) => n.state))).toEqual(
      new Set(['accepte', 'en_instruction', 'en_construction', 'refuse']),
    );
    const champs = nodes.flatMap((n) => n.champs);
    expect(champs.find((c) => c.__typename === 'AnnuaireEducationChamp')?.stringValue).toMatch(
      /^.+, .+ \(\d{7}[A-Z]\)$/,
    );
    expect(
      champs.filter((c) => c.__typename === 'CheckboxChamp').map((c) => typeof c.checked),
    ).toContain('boolean');
    expect(
      champs.find((c) => c.__typename === 'IntegerNumberChamp' && c.integer !== null)?.integer,
    ).toMatch(/^\d+$/);
    expect(champs.some((c) => c.__typename === 'HeaderSectionChamp')).toBe(true);
  });

  it('refuses a query outside the schema, more than 100 a page, and a query deeper than 15', () => {
    const { world } = worldWith(5);
    const ask = (query: string, variables: Record<string, unknown> = {}) =>
      JSON.parse(post(world, { query, variables }).value.text) as {
        errors?: { message: string }[];
      };
    expect(ask('{ demarche(number: 1) { numero } }').errors?.[0].message).toBe(
      'Cannot query field "numero" on type "Demarche". Did you mean "number"?',
    );
    expect(
      ask(
        `{ demarche(number: ${FAKE_DEMARCHE}) { dossiers { nodes { champs { ... on CheckboxChamp { value } ... on IntegerNumberChamp { value } } } } } }`,
      ).errors?.[0].message,
    ).toMatch(/Fields "value" conflict because they return conflicting types/);
    expect(
      ask(`{ demarche(number: ${FAKE_DEMARCHE}) { dossiers(first: 101) { nodes { number } } } }`)
        .errors?.[0].message,
    ).toBe('first doit être compris entre 0 et 100');
    // demarche > dossiers > nodes > champs, then rows > champs six times, then label: 17 levels.
    let inner = 'label';
    for (let i = 0; i < 6; i++) inner = `... on RepetitionChamp { rows { champs { ${inner} } } }`;
    const deep = `{ demarche(number: ${FAKE_DEMARCHE}) { dossiers { nodes { champs { ${inner} } } } } }`;
    expect(ask(deep).errors?.[0].message).toBe('Query has depth greater than 15');
    expect(ask('{ demarche(number: 1) { number } }').errors?.[0]).toMatchObject({
      message: 'Demarche not found',
      extensions: { code: 'not_found' },
    });
  });

  it('limits each token to 400 requests a minute, with RateLimit-Reset', () => {
    const { world, fake } = worldWith(1);
    const body = { query: TEST_QUERY, variables: { demarche: FAKE_DEMARCHE, first: 1 } };
    for (let i = 0; i < RATE_PER_MINUTE; i++)
      fake.handle({
        url: ENDPOINT,
        method: 'POST',
        headers: { Authorization: `Bearer ${FAKE_TOKEN}` },
        contentType: 'application/json',
        payload: JSON.stringify(body),
      });
    const { value } = post(world, body);
    expect(value.code).toBe(429);
    expect(Number(value.headers['RateLimit-Reset'])).toBeGreaterThan(0);
    world.clock.advance(61_000);
    expect(post(world, body).value.code).toBe(200);
  });
});
