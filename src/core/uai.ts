// UAI (Unité administrative immatriculée): the French establishment code and its check letter.

/** The 23 letters a check letter can be (no I, O or Q). */
export const CHECK_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export type UaiProblem = 'empty' | 'format' | 'checkLetter';

export interface UaiCheck {
  /** The code uppercased and trimmed, invisible characters removed: as it should be stored. */
  readonly normalized: string;
  readonly problem?: UaiProblem;
  /** The check letter the first seven characters call for, when they are well formed. */
  readonly expectedLetter?: string;
}

/** The check letter of the first seven characters: their integer value modulo 23. */
export function uaiCheckLetter(firstSeven: string): string {
  // The seven characters may begin with a letter-free département code; Corsica uses 620/720.
  return CHECK_ALPHABET[Number(firstSeven) % 23];
}

/**
 * True for a character that cannot be seen in a cell but breaks a code: control characters (but
 * tab and line feed), zero-width characters, the byte order mark, soft hyphens, bidirectional marks
 * and the non-breaking or typographic spaces.
 */
function isInvisible(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c < 0x20 && c !== 0x09 && c !== 0x0a) ||
    c === 0x7f ||
    c === 0xa0 ||
    c === 0xad ||
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202f) ||
    (c >= 0x205f && c <= 0x206f) ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** True when the text holds an invisible character. */
export function hasInvisible(text: string): boolean {
  return [...text].some(isInvisible);
}

/** A code as matched: invisible characters removed, trimmed, uppercased. */
export function cleanCode(raw: unknown): string {
  return [...String(raw ?? '')]
    .filter((ch) => !isInvisible(ch))
    .join('')
    .trim()
    .toUpperCase();
}

/** The text with each invisible character shown as ⟨U+200B⟩, for messages. */
export function showInvisible(text: string): string {
  return [...text]
    .map((ch) =>
      isInvisible(ch) ? `⟨U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩` : ch,
    )
    .join('');
}

export function checkUai(raw: unknown): UaiCheck {
  const normalized = cleanCode(raw);
  if (normalized === '') return { normalized, problem: 'empty' };
  if (!/^\d{7}[A-Z]$/.test(normalized)) return { normalized, problem: 'format' };
  const expectedLetter = uaiCheckLetter(normalized.slice(0, 7));
  if (normalized[7] !== expectedLetter)
    return { normalized, problem: 'checkLetter', expectedLetter };
  return { normalized };
}

export function isValidUai(raw: unknown): boolean {
  return checkUai(raw).problem === undefined;
}

/** The three-digit département prefix of a UAI ("054" for 0540015Y). */
export function uaiDepartement(uai: string): string {
  return uai.slice(0, 3);
}

/** Builds a valid UAI from a département prefix and a four-digit number (samples and tests). */
export function makeUai(departement: string, serial: number): string {
  const firstSeven = departement.padStart(3, '0') + String(serial).padStart(4, '0');
  return firstSeven + uaiCheckLetter(firstSeven);
}
