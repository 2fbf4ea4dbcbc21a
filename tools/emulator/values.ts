// Cell values as Apps Script gives them: typed values, what a written string turns into, and the
// text a cell shows (getDisplayValues) for its number format, in the French locale.

import { wallClock } from './zone';

export type CellValue = string | number | boolean | Date;

export interface Written {
  readonly value: CellValue;
  readonly formula?: string;
}

/** What Sheets stores when a script writes `input` (setValue/setValues parse text like typing). */
export function coerceWritten(
  input: unknown,
  numberFormat: string | undefined,
  timeZone: string,
): Written {
  if (input === null || input === undefined) return { value: '' };
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { value: '' };
    return { value: new Date(input.getTime()) };
  }
  if (typeof input === 'number') return { value: Number.isFinite(input) ? input : '#NUM!' };
  if (typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') return { value: String(input) };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (input.length > 1 && input.startsWith('=')) return { value: '', formula: input };
  if (numberFormat === '@') return { value: input };
  const t = input.trim();
  if (/^[+-]?\d+([.,]\d+)?$/.test(t)) return { value: Number(t.replace(',', '.')) };
  if (/^(vrai|true)$/i.test(t)) return { value: true };
  if (/^(faux|false)$/i.test(t)) return { value: false };
  const date = parseFrenchDate(t, timeZone);
  if (date) return { value: date };
  return { value: input };
}

/** "28/08/2025" or "28/08/2025 14:05" (or ISO "2025-08-28") typed in a French spreadsheet. */
function parseFrenchDate(text: string, timeZone: string): Date | undefined {
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  let parts: number[] | undefined;
  if (m) parts = [+m[3], +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) parts = [+m[1], +m[2], +m[3], 0, 0, 0];
  if (!parts) return undefined;
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return undefined;
  return wallClock.toInstant(
    { year: y, month: mo, day: d, hour: h, minute: mi, second: s },
    timeZone,
  );
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The text Sheets shows for a value with a number format, in a French-locale spreadsheet. */
export function displayText(
  value: CellValue,
  numberFormat: string | undefined,
  timeZone: string,
): string {
  if (value === '') return '';
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  if (value instanceof Date) return formatDateValue(value, numberFormat, timeZone);
  if (typeof value === 'number') return formatNumberValue(value, numberFormat);
  return value;
}

function formatDateValue(value: Date, numberFormat: string | undefined, timeZone: string): string {
  const p = wallClock.parts(value, timeZone);
  const format =
    numberFormat && /[dy]/i.test(numberFormat)
      ? numberFormat
      : p.hour || p.minute || p.second
        ? 'dd/mm/yyyy hh:mm:ss'
        : 'dd/mm/yyyy';
  // Sheets reads "mm" as minutes right after hours, else as the month.
  return format.replace(/yyyy|yy|dd|d|hh|h|mm|m|ss/gi, (token, offset: number, whole: string) => {
    const lower = token.toLowerCase();
    if (lower.startsWith('m')) {
      const before = whole.slice(0, offset);
      const isMinute = /h[^dmy]*$/i.test(before);
      const n = isMinute ? p.minute : p.month;
      return lower === 'mm' ? pad(n) : String(n);
    }
    switch (lower) {
      case 'yyyy':
        return String(p.year);
      case 'yy':
        return pad(p.year % 100);
      case 'dd':
        return pad(p.day);
      case 'd':
        return String(p.day);
      case 'hh':
        return pad(p.hour);
      case 'h':
        return String(p.hour);
      default:
        return pad(p.second);
    }
  });
}

function formatNumberValue(value: number, numberFormat: string | undefined): string {
  if (numberFormat && /^[#0,]*0(\.0+)?$/.test(numberFormat)) {
    const decimals = numberFormat.includes('.') ? numberFormat.split('.')[1].length : 0;
    const fixed = value.toFixed(decimals);
    const [int, dec] = fixed.split('.');
    const grouped = numberFormat.includes(',')
      ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')
      : int;
    return dec ? `${grouped},${dec}` : grouped;
  }
  if (numberFormat === '@') return String(value);
  return String(value).replace('.', ',');
}
