// google.script.run accepts and returns only what Apps Script allows: primitives, plain objects
// and arrays. The checks run on real values (no JSON round trip), in both directions.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import {
  AppsScriptWorld,
  ClientForm,
  ENCODE_IN_PAGE,
  ScriptRunError,
  checkClientArguments,
  decodeFromPage,
  toClientResult,
  type PageWire,
} from '../../tools/emulator';

const illegal = (property: string): string =>
  `Failed due to illegal value in property: ${property}`;

class Member {
  constructor(readonly uai: string) {}
}

describe('arguments sent by google.script.run', () => {
  it('passes primitives, null, plain objects and arrays as copies', () => {
    const form = { uai: '0540015Y', count: 3, ok: true, none: null, tags: ['a', 1, false] };
    const [copy, text] = checkClientArguments([form, 'x']);
    expect(copy).toEqual(form);
    expect(copy).not.toBe(form);
    expect((copy as typeof form).tags).not.toBe(form.tags);
    expect(text).toBe('x');
    expect(checkClientArguments([Object.create(null)])).toEqual([{}]);
  });

  it('turns undefined inside an array into null and drops undefined fields', () => {
    expect(checkClientArguments([[1, undefined, 3], { a: 1, b: undefined }])).toEqual([
      [1, null, 3],
      { a: 1 },
    ]);
  });

  it.each<[string, unknown[], string]>([
    ['a Date argument', [new Date()], '0'],
    ['a Date inside an object', [{ when: new Date() }], 'when'],
    ['a Date inside an array', ['x', [1, new Date()]], '1'],
    ['a function', [() => 1], '0'],
    ['a class instance', ['x', new Member('0540015Y')], '1'],
    ['a class instance inside an object', [{ member: new Member('x') }], 'member'],
    ['a Map', [new Map()], '0'],
    ['a RegExp', [/x/], '0'],
    ['NaN', [NaN], '0'],
    ['Infinity inside an object', [{ n: Infinity }], 'n'],
    ['a symbol', [Symbol('s')], '0'],
    ['a BigInt', [BigInt(1)], '0'],
    ['a form element that is not the only argument', [new ClientForm({}), 'x'], '0'],
  ])('fails the call for %s', (_, args, property) => {
    expect(() => checkClientArguments(args)).toThrow(ScriptRunError);
    expect(() => checkClientArguments(args)).toThrow(illegal(property));
  });

  it('fails the call for a circular reference', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(() => checkClientArguments([loop])).toThrow(illegal('self'));
  });

  it('accepts a form element as the only argument and gives the server its fields', () => {
    expect(checkClientArguments([new ClientForm({ uai: '0540015Y', nom: 'Lycée' })])).toEqual([
      { uai: '0540015Y', nom: 'Lycée' },
    ]);
  });

  it('accepts plain objects and arrays made in another realm (the bundle\u2019s vm context)', () => {
    const made = vm.runInNewContext('({ list: [1, { a: "b" }], n: null })') as unknown;
    expect(checkClientArguments([made])).toEqual([{ list: [1, { a: 'b' }], n: null }]);
    const date = vm.runInNewContext('new Date(0)') as unknown;
    expect(() => checkClientArguments([date])).toThrow(illegal('0'));
  });
});

describe('values returned to the page', () => {
  it('passes primitives, plain objects and arrays; undefined arrives as null', () => {
    expect(toClientResult({ a: [1, 'x', true, null], b: { c: 2 } })).toEqual({
      a: [1, 'x', true, null],
      b: { c: 2 },
    });
    expect(toClientResult(undefined)).toBeNull();
    expect(toClientResult('texte')).toBe('texte');
  });

  it('delivers null for a Date, and for any result holding a Date (the harsher reading)', () => {
    expect(toClientResult(new Date())).toBeNull();
    expect(toClientResult({ rows: [['0540015Y', new Date()]], count: 1 })).toBeNull();
    const bundleRows = vm.runInNewContext('[["a", new Date(0)]]') as unknown;
    expect(toClientResult(bundleRows)).toBeNull();
  });

  it('fails the call for a class instance or a function in the result', () => {
    expect(() => toClientResult(new Member('x'))).toThrow(ScriptRunError);
    expect(() => toClientResult({ members: [new Member('x')] })).toThrow(illegal('0'));
    expect(() => toClientResult({ f: () => 1 })).toThrow(illegal('f'));
    const instance = vm.runInNewContext('new (class Plan { constructor() { this.a = 1; } })()');
    expect(() => toClientResult(instance)).toThrow(ScriptRunError);
  });
});

describe('the page-side encoder keeps each kind for the check', () => {
  const encodeInPage = (args: string): PageWire[] =>
    vm.runInNewContext(
      `${ENCODE_IN_PAGE}; const args = ${args}; args.map((a) => encodeForServer(a, args.length === 1))`,
    ) as PageWire[];
  const roundTrip = (args: string): unknown[] =>
    encodeInPage(args).map((wire) => decodeFromPage(JSON.parse(JSON.stringify(wire)) as PageWire));

  it('brings a page\u2019s Date, function and class instance back as such, so the call fails', () => {
    expect(() => checkClientArguments(roundTrip('[new Date()]'))).toThrow(illegal('0'));
    expect(() => checkClientArguments(roundTrip('[{ f: function () {} }]'))).toThrow(illegal('f'));
    expect(() => checkClientArguments(roundTrip('["x", new (class A {})()]'))).toThrow(
      illegal('1'),
    );
    expect(() => checkClientArguments(roundTrip('[[NaN]]'))).toThrow(illegal('0'));
    expect(() =>
      checkClientArguments(roundTrip('[(() => { const o = { a: 1 }; o.o = o; return o; })()]')),
    ).toThrow(illegal('o'));
  });

  it('brings legal values back unchanged', () => {
    expect(
      checkClientArguments(
        roundTrip('[{ uai: "0540015Y", n: 2, l: [1, undefined], u: undefined }, null, true]'),
      ),
    ).toEqual([{ uai: '0540015Y', n: 2, l: [1, null] }, null, true]);
  });
});

describe('world.callFromClient', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-'));
  fs.writeFileSync(
    path.join(dir, 'Code.js'),
    [
      'function echo(x) { return x; }',
      'function withDate() { return { when: new Date(0), n: 1 }; }',
      'function plan() { return new (class Plan { constructor() { this.a = 1; } })(); }',
      'function secret_() { return "hidden"; }',
      'function boom() { throw new Error("Feuille absente"); }',
    ].join('\n'),
  );
  const w = new AppsScriptWorld({ distDir: dir, scopes: [] });

  it('runs the server function on checked arguments and checks its result', () => {
    expect(w.callFromClient('echo', [{ a: [1, undefined] }])).toEqual({ a: [1, null] });
    expect(w.callFromClient('withDate')).toBeNull();
    expect(() => w.callFromClient('plan')).toThrow(ScriptRunError);
  });

  it('fails before running anything when an argument is illegal', () => {
    const before = w.executions.length;
    expect(() => w.callFromClient('echo', [new Date()])).toThrow(illegal('0'));
    expect(w.executions.length).toBe(before);
  });

  it('cannot reach private functions and passes the server\u2019s error on', () => {
    expect(() => w.callFromClient('secret_')).toThrow('Script function not found: secret_');
    expect(() => w.callFromClient('boom')).toThrow('Feuille absente');
  });
});
