// The text of an uploaded CSV file: démarches simplifiées exports UTF-8, but a file opened and saved
// again by Excel on Windows is Windows-1252. The bytes decide: valid UTF-8 is read as UTF-8,
// anything else as Windows-1252, and the result says which.

export type TextEncoding = 'UTF-8' | 'Windows-1252';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes base64 (standard alphabet, padding optional, whitespace ignored); undefined if invalid. */
export function base64Bytes(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '').replace(/=+$/, '');
  if (/[^A-Za-z0-9+/]/.test(clean) || clean.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | BASE64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/** True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates). */
export function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [extra, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [extra, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [extra, min] = [3, 0x10000];
    else return false;
    if (i + extra > bytes.length - 1) return false;
    let code = b & (0xff >> (extra + 2));
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return false;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

function utf8Text(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const extra = b < 0x80 ? 0 : b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
    let code = extra === 0 ? b : b & (0xff >> (extra + 2));
    for (let k = 1; k <= extra; k++) code = (code << 6) | (bytes[i + k] & 0x3f);
    text += String.fromCodePoint(code);
    i += extra + 1;
  }
  return text;
}

/** Windows-1252 characters of bytes 0x80 to 0x9f (the rest is Latin-1); holes stay as the byte. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function cp1252Text(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes)
    text += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return text;
}

/** The file's text and the encoding it was read in. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (isUtf8(bytes)) return { text: utf8Text(bytes), encoding: 'UTF-8' };
  return { text: cp1252Text(bytes), encoding: 'Windows-1252' };
}
