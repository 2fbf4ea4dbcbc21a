// Text helpers shared by the whole core: header matching, French formatting, safe cell text.

import { formatNumberFr } from '../shared/french';

export { agreement, formatNumberFr, plural } from '../shared/french';

/** Key used to match headers and placeholders: case, accents, spaces and punctuation ignored. */
export function normalizeKey(text: string): string {
  return String(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Text of a cell value as a person would read it (dates in French, numbers with a comma). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDateFr(value);
  if (typeof value === 'number') return formatNumberFr(value);
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  return String(value);
}

/** Text of a value used as an identifier (dossier number, phone): numbers without grouping. */
export function rawText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return cellText(value);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** dd/mm/yyyy, read in the local zone of the runtime (the script's zone in Apps Script). */
export function formatDateFr(date: Date): string {
  return `${pad2(date.getDate())}/${pad2(date.getMonth() + 1)}/${date.getFullYear()}`;
}

export function formatDateTimeFr(date: Date): string {
  return `${formatDateFr(date)} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/**
 * A value typed by a person, made safe to write into a cell: Sheets would turn text beginning
 * with = + - @ into a formula, and digits or dates into numbers (losing a phone's leading 0).
 * A leading apostrophe makes Sheets keep the text exactly as typed; it is not part of the value.
 */
export function asLiteralCellText(text: string): string {
  if (text === '') return text;
  if (/^[=+\-@']/.test(text) || looksCoercible(text)) return `'${text}`;
  return text;
}

/**
 * How this spreadsheet stores a string written into a Plain-text (`@`) cell, as probed by
 * "Vérifier l'installation" (Google does not document it): whether a leading apostrophe is kept
 * as a character, and whether a leading `=` still makes a formula.
 */
export interface PlainTextBehaviour {
  readonly apostropheKept: boolean;
  readonly equalsIsFormula: boolean;
}

/** Until probed, the documented behaviour of a General cell: the apostrophe is hidden. */
export const DEFAULT_PLAIN_TEXT: PlainTextBehaviour = {
  apostropheKept: false,
  equalsIsFormula: true,
};

/** Document property holding the probed behaviour (JSON). */
export const PLAIN_TEXT_PROPERTY = 'texte.cellulesTexteBrut';

export function parsePlainTextBehaviour(raw: string | null | undefined): PlainTextBehaviour {
  if (!raw) return DEFAULT_PLAIN_TEXT;
  try {
    const parsed = JSON.parse(raw) as Partial<PlainTextBehaviour>;
    return {
      apostropheKept: parsed.apostropheKept === true,
      equalsIsFormula: parsed.equalsIsFormula !== false,
    };
  } catch {
    return DEFAULT_PLAIN_TEXT;
  }
}

/**
 * Text as written into a cell of `numberFormat` so that it is stored exactly as given. In a
 * Plain-text cell whose spreadsheet keeps the apostrophe, no prefix is added (it would become part
 * of the text); only a leading `=` that would still make a formula is prefixed, the lesser harm.
 * Everywhere else, asLiteralCellText's apostrophe.
 */
export function literalCellText(
  text: string,
  numberFormat: string,
  behaviour: PlainTextBehaviour,
): string {
  if (numberFormat === '@' && behaviour.apostropheKept) {
    return behaviour.equalsIsFormula && text.startsWith('=') ? `'${text}` : text;
  }
  return asLiteralCellText(text);
}

function looksCoercible(text: string): boolean {
  const t = text.trim();
  return (
    /^[\d\s.,%€$]+$/.test(t) ||
    /^\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2})?)?$/.test(t) ||
    /^\d{1,2}:\d{2}(:\d{2})?$/.test(t) ||
    /^(true|false|vrai|faux)$/i.test(t)
  );
}

/** Text made safe inside HTML, attributes included. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Column letter(s) of a 1-based column index: 1 -> A, 27 -> AA. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Text made safe for a mail header (subject, sender's name): line breaks of every kind become one
 * space, so nothing can start a new header line; bidi controls, which can make a subject read
 * differently from what it holds, are removed; other control characters become spaces.
 */
export function headerText(text: string): string {
  return text
    .replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, '')
    .replace(/\s*[\p{Cc}\u2028\u2029]+\s*/gu, ' ')
    .trim();
}

/** Narrow no-break space (U+202F): before « : ; ! ? » and inside « », as French typography asks. */
export const NNBSP = '\u202f';

/** Addresses and links are never retypeset: an apostrophe or a colon there is part of them. */
const UNTOUCHABLE = /(\S+@\S+|[a-z][a-z0-9+.-]*:\/\/\S+|mailto:\S+)/giu;

/**
 * French typography for every user-facing text: a narrow no-break space before « : ; ! ? » and
 * inside « », one apostrophe (’). Only spacing the writer already put is changed (« Heure : 14:30 »
 * keeps its « 14:30 »), and addresses and links are left as they are. Applying it twice changes
 * nothing.
 */
export function typeset(text: string): string {
  return text
    .split(UNTOUCHABLE)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/(?<=\p{L})'(?=\p{L})/gu, '’')
            .replace(/[ \u00a0\u202f]+([:;!?])(?=\s|$|[»)\]])/gu, `${NNBSP}$1`)
            .replace(/«[ \u00a0\u202f]*/g, `«${NNBSP}`)
            .replace(/[ \u00a0\u202f]*»/g, `${NNBSP}»`),
    )
    .join('');
}

/** `typeset` on the text of an HTML fragment, never on its tags or attributes. */
export function typesetHtml(html: string): string {
  return html.replace(/(^|>)([^<]+)/g, (_, open: string, text: string) => {
    const plain = text.replace(/&#39;/g, "'").replace(/&nbsp;/g, '\u00a0');
    return open + typeset(plain).replace(/'/g, '&#39;');
  });
}
