// Formulas in the emulator: a cell keeps its formula text (getFormulas) and a value (getValues).
// A formula loaded from an .xlsx file keeps the result cached in the file. A formula written by a
// script or typed is computed only when it is trivial: arithmetic on number literals, a string or
// boolean literal, or a reference to one cell (read live, as Sheets recomputes it). Anything else
// is a formula the emulator cannot compute: it reads back as the error value "#N/A" (the harsher
// reading: code that relies on a computed result, or that copies values over formulas, shows it
// in a test instead of reading an innocent empty cell).

import type { CellValue } from './values';

export const UNKNOWN_FORMULA_VALUE = '#N/A';

export type ParsedFormula =
  | { readonly kind: 'value'; readonly value: CellValue }
  | {
      readonly kind: 'reference';
      readonly sheet?: string;
      readonly row: number;
      readonly column: number;
    }
  | { readonly kind: 'unknown' };

const REFERENCE = /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?\$?([A-Z]{1,3})\$?(\d+)$/i;

/** What the emulator knows of `formula` ("=…"). */
export function parseFormula(formula: string): ParsedFormula {
  const body = formula.replace(/^=/, '').trim();
  const ref = REFERENCE.exec(body);
  if (ref) {
    const letters = ref[3].toUpperCase();
    const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const sheet = ref[1]?.replace(/''/g, "'") ?? ref[2];
    return { kind: 'reference', sheet, row: Number(ref[4]), column };
  }
  const text = /^"((?:[^"]|"")*)"$/.exec(body);
  if (text) return { kind: 'value', value: text[1].replace(/""/g, '"') };
  if (/^(TRUE|VRAI)(\(\))?$/i.test(body)) return { kind: 'value', value: true };
  if (/^(FALSE|FAUX)(\(\))?$/i.test(body)) return { kind: 'value', value: false };
  const number = arithmetic(body);
  if (number !== undefined) {
    return { kind: 'value', value: Number.isFinite(number) ? number : '#DIV/0!' };
  }
  return { kind: 'unknown' };
}

/**
 * + - * / ^ and parentheses over number literals, with Sheets' precedence: unary minus before ^
 * (=-2^2 is 4), ^ from left to right (=2^3^2 is 64); else undefined.
 */
function arithmetic(text: string): number | undefined {
  const tokens = text.match(/\d+(?:[.,]\d+)?|[-+*/^()]|\s+|./g) ?? [];
  const list = tokens.filter((t) => !/^\s+$/.test(t));
  let i = 0;
  const peek = (): string | undefined => list[i];
  const fail = (): never => {
    throw new Error('not arithmetic');
  };
  const primary = (): number => {
    const t = list[i++];
    if (t === undefined) return fail();
    if (t === '(') {
      const v = sum();
      if (list[i++] !== ')') fail();
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (/^\d/.test(t)) return Number(t.replace(',', '.'));
    return fail();
  };
  const power = (): number => {
    let v = primary();
    while (peek() === '^') {
      i++;
      v = v ** primary();
    }
    return v;
  };
  const product = (): number => {
    let v = power();
    while (peek() === '*' || peek() === '/') {
      const op = list[i++];
      const r = power();
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') {
      const op = list[i++];
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  try {
    if (list.length === 0) return undefined;
    const v = sum();
    return i === list.length ? v : undefined;
  } catch {
    return undefined;
  }
}
