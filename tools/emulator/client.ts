// google.script.run: what a page may send to a server function and what comes back, as Apps Script
// allows it. Google's reference: legal parameters are primitives (number, boolean, string, null)
// and objects and arrays made of them; a form element is legal as the only parameter; a Date, a
// function, a DOM element or another prohibited type fails the call, even inside an object or an
// array; circular references fail; undefined inside an array becomes null. Return values follow
// the same rules, except forms.
//
// Where Google's behaviour is not documented, the harsher reading:
// - a returned value holding a Date anywhere arrives as `null` as a whole (what public reports of
//   `getValues()` returned to a page show), not only the Date;
// - NaN and ±Infinity fail the call (JSON would silently turn them into null);
// - any object that is not a plain object or an array (class instance, Map, Set, RegExp, an
//   emulated Apps Script object…) fails, in either direction.
// The checks walk the real values; nothing goes through a JSON round trip.

/** The error the page's failure handler receives when a value cannot cross. */
export class ScriptRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptRunError';
  }
}

/** A form element of the page, legal only as the only parameter: the server gets its fields. */
export class ClientForm {
  constructor(readonly fields: Readonly<Record<string, string>>) {}
}

const tag = (value: unknown): string => Object.prototype.toString.call(value);

/** A plain object of any realm (the bundle runs in its own vm context): `{}` or Object.create(null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (tag(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null) return true;
  if (Object.getPrototypeOf(proto) !== null) return false;
  const ctor = Object.prototype.hasOwnProperty.call(proto, 'constructor')
    ? (proto as { constructor: unknown }).constructor
    : undefined;
  return typeof ctor === 'function' && ctor.name === 'Object';
}

const isDate = (value: unknown): boolean => tag(value) === '[object Date]';

/** Why a value cannot cross, or undefined when it can. */
function illegal(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : String(value);
    case 'function':
      return 'Function';
    case 'symbol':
      return 'Symbol';
    case 'bigint':
      return 'BigInt';
    default:
      if (value === null || Array.isArray(value) || isPlainObject(value)) return undefined;
      if (isDate(value)) return 'Date';
      return (value as object).constructor?.name || 'Object';
  }
}

interface Walk {
  /** Set when a Date was met where the direction tolerates it (results). */
  sawDate: boolean;
}

/** A copy of `value` made only of legal parts; throws ScriptRunError at the first illegal one. */
function copy(
  value: unknown,
  property: string,
  datesFail: boolean,
  walk: Walk,
  ancestors: object[],
): unknown {
  if (isDate(value) && !datesFail) {
    walk.sawDate = true;
    return null;
  }
  if (illegal(value) !== undefined) {
    throw new ScriptRunError(`Failed due to illegal value in property: ${property}`);
  }
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) {
    throw new ScriptRunError(`Failed due to illegal value in property: ${property}`);
  }
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      return Array.from(value, (item: unknown, i) =>
        item === undefined ? null : copy(item, String(i), datesFail, walk, ancestors),
      );
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = copy(item, key, datesFail, walk, ancestors);
    }
    return out;
  } finally {
    ancestors.pop();
  }
}

/**
 * The arguments a server function receives for `args` sent by google.script.run: copies of legal
 * values; a form element as the only argument becomes an object of its fields. Throws
 * ScriptRunError (Google's "Failed due to illegal value in property: …") for anything else.
 */
export function checkClientArguments(args: readonly unknown[]): unknown[] {
  if (args.length === 1 && args[0] instanceof ClientForm) return [{ ...args[0].fields }];
  const walk: Walk = { sawDate: false };
  return args.map((arg, i) => {
    if (arg instanceof ClientForm) {
      throw new ScriptRunError(`Failed due to illegal value in property: ${i}`);
    }
    return arg === undefined ? null : copy(arg, String(i), true, walk, []);
  });
}

/**
 * What the page's success handler receives when a server function returns `value`: a copy of a
 * legal value; `null` when it holds a Date anywhere (or is undefined). Throws ScriptRunError for a
 * function, a class instance or a circular reference, which fails the call.
 */
export function toClientResult(value: unknown): unknown {
  if (value === undefined) return null;
  const walk: Walk = { sawDate: false };
  const result = copy(value, '0', false, walk, []);
  return walk.sawDate ? null : result;
}

// The wire format between a real browser page and this process: every value keeps its kind, so
// that the checks above run on the values the page really passed (a JSON round trip would have
// turned a Date into a string before any check). Used by the browser-test harness.

/** Source of the page-side encoder, `(value, sole) => wire`, to inject into the page. */
export const ENCODE_IN_PAGE = `function encodeForServer(value, sole) {
  const stack = [];
  const enc = (v, top) => {
    if (v === null) return null;
    if (v === undefined) return { $u: 1 };
    if (typeof v === 'number') return Number.isFinite(v) ? v : { $num: String(v) };
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'function') return { $fn: v.name || 'anonymous' };
    if (typeof v !== 'object') return { $inst: typeof v };
    const back = stack.indexOf(v);
    if (back >= 0) return { $ref: back };
    if (v instanceof Date) return { $date: v.getTime() };
    if (typeof HTMLFormElement !== 'undefined' && v instanceof HTMLFormElement && top && sole) {
      const fields = {};
      for (const el of Array.from(v.elements)) {
        if (el.name && !((el.type === 'checkbox' || el.type === 'radio') && !el.checked)) fields[el.name] = el.value;
      }
      return { $form: fields };
    }
    if (typeof Node !== 'undefined' && v instanceof Node) return { $inst: v.constructor.name };
    const proto = Object.getPrototypeOf(v);
    stack.push(v);
    try {
      if (Array.isArray(v)) return { $arr: Array.from(v, (x) => enc(x, false)) };
      if (proto === Object.prototype || proto === null) {
        const o = {};
        for (const k of Object.keys(v)) o[k] = enc(v[k], false);
        return { $obj: o };
      }
      return { $inst: (v.constructor && v.constructor.name) || 'Object' };
    } finally {
      stack.pop();
    }
  };
  return enc(value, true);
}`;

type Wire =
  | null
  | string
  | number
  | boolean
  | { $u: 1 }
  | { $num: string }
  | { $fn: string }
  | { $inst: string }
  | { $ref: number }
  | { $date: number }
  | { $form: Record<string, string> }
  | { $arr: Wire[] }
  | { $obj: Record<string, Wire> };

/** Rebuilds in this process the value a page passed, kind for kind (Date, function, instance…). */
export function decodeFromPage(wire: Wire, stack: object[] = []): unknown {
  if (wire === null || typeof wire !== 'object') return wire;
  if ('$u' in wire) return undefined;
  if ('$num' in wire) return Number(wire.$num);
  if ('$date' in wire) return new Date(wire.$date);
  if ('$fn' in wire) {
    const named = { [wire.$fn]: () => undefined };
    return named[wire.$fn];
  }
  if ('$inst' in wire) {
    const Named = { [wire.$inst]: class {} }[wire.$inst];
    return new Named();
  }
  if ('$ref' in wire) return stack[wire.$ref];
  if ('$form' in wire) return new ClientForm(wire.$form);
  if ('$arr' in wire) {
    const out: unknown[] = [];
    stack.push(out);
    for (const item of wire.$arr) out.push(decodeFromPage(item, stack));
    stack.pop();
    return out;
  }
  const out: Record<string, unknown> = {};
  stack.push(out);
  for (const [key, item] of Object.entries(wire.$obj)) out[key] = decodeFromPage(item, stack);
  stack.pop();
  return out;
}

export type { Wire as PageWire };
