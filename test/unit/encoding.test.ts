import { base64Bytes, decodeText, isUtf8 } from '../../src/core/encoding';

describe('encoding detection', () => {
  it('decodes base64 like Node does', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'École ’ € 😀', 'x'.repeat(1000)]) {
      const bytes = Buffer.from(text, 'utf8');
      expect(Buffer.from(base64Bytes(bytes.toString('base64')) as Uint8Array)).toEqual(bytes);
    }
    expect(base64Bytes('a$b')).toBeUndefined();
  });

  it('tells UTF-8 from Windows-1252', () => {
    const utf8 = Buffer.from('État du dossier ; Lycée L’Étoile 😀', 'utf8');
    expect(isUtf8(utf8)).toBe(true);
    expect(decodeText(utf8)).toEqual({
      text: 'État du dossier ; Lycée L’Étoile 😀',
      encoding: 'UTF-8',
    });
    const ansi = Buffer.from([0xc9, 0x74, 0x61, 0x74, 0x20, 0x92, 0x80, 0x9c]);
    expect(isUtf8(ansi)).toBe(false);
    expect(decodeText(ansi)).toEqual({ text: 'État ’€œ', encoding: 'Windows-1252' });
  });

  it('refuses overlong forms, surrogates and truncated sequences as UTF-8', () => {
    expect(isUtf8(Buffer.from([0xc0, 0xaf]))).toBe(false);
    expect(isUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false);
    expect(isUtf8(Buffer.from([0x41, 0xc3]))).toBe(false);
    expect(isUtf8(Buffer.from([0xe2, 0x82, 0xac]))).toBe(true);
  });
});
