// UAI (Unité administrative immatriculée): the French establishment code and its check letter.

const CHECK_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export type UaiProblem = 'empty' | 'format' | 'checkLetter';

export interface UaiCheck {
  /** The code uppercased and trimmed, as it should be stored. */
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

export function checkUai(raw: unknown): UaiCheck {
  const normalized = String(raw ?? '')
    .trim()
    .toUpperCase();
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
