// Wraps emulated service objects so that every method call is counted by the execution, and every
// object a call returns is wrapped in turn. Emulator code works on the raw objects underneath.

import type { Execution } from './execution';

const RAW = Symbol('raw');
const SERVICE = Symbol('service');
/** Optional: names what a call works on (a sheet's name), for the execution's cost breakdown. */
const SCOPE = Symbol('scope');

/** Base of every emulated Apps Script object: names its service and its Apps Script class. */
export abstract class Emulated {
  abstract readonly [SERVICE]: string;
  /** Class name as Google's reference writes it ("Range", "Sheet"…), used in call keys. */
  abstract readonly className: string;
  [SCOPE]?(): string | undefined;
}
export { SCOPE, SERVICE };

/** Returns the emulated object behind a wrapper (or the value itself). */
export function unwrap<T>(value: T): T {
  if (value && typeof value === 'object' && (value as Record<symbol, unknown>)[RAW]) {
    return (value as Record<symbol, unknown>)[RAW] as T;
  }
  return value;
}

export function instrument<T extends object>(target: T, exec: Execution): T {
  if (!(target instanceof Emulated)) return target;
  const service = target[SERVICE];
  const className = target.className;
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === RAW) return obj;
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop === 'symbol' || prop === 'constructor') {
        return value;
      }
      if (prop.startsWith('_')) return undefined; // internals are not part of Google's API
      return (...args: unknown[]) => {
        exec.record(service, `${className}.${prop}`, obj[SCOPE]?.());
        const result = (value as (...a: unknown[]) => unknown).apply(obj, args.map(unwrap));
        return wrapResult(result, exec);
      };
    },
  });
}

function wrapResult(result: unknown, exec: Execution): unknown {
  if (result instanceof Emulated) return instrument(result, exec);
  if (Array.isArray(result) && result.some((r) => r instanceof Emulated)) {
    return result.map((r) => wrapResult(r, exec));
  }
  return result;
}
