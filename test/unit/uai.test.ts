import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkUai, isValidUai, makeUai, uaiCheckLetter, uaiDepartement } from '../../src/core/uai';
import { parseCsv } from '../../tools/emulator';

describe('UAI check letter (mod 23 over the alphabet without I, O, Q)', () => {
  it('gives Y for the support school 0540015', () => {
    expect(uaiCheckLetter('0540015')).toBe('Y');
    expect(isValidUai('0540015Y')).toBe(true);
  });

  it('normalises case and spaces, and reports the expected letter', () => {
    expect(checkUai(' 0540015y ')).toEqual({ normalized: '0540015Y' });
    expect(checkUai('0540015A')).toEqual({
      normalized: '0540015A',
      problem: 'checkLetter',
      expectedLetter: 'Y',
    });
  });

  it.each([
    ['', 'empty'],
    ['054001Y', 'format'],
    ['05400155Y', 'format'],
    ['054O015Y', 'format'],
    ['0540015', 'format'],
    ['0540015I', 'checkLetter'],
  ])('refuses %p (%s)', (raw, problem) => {
    expect(checkUai(raw).problem).toBe(problem);
  });

  it('builds valid codes for any département, Corsica included', () => {
    for (const dep of ['054', '055', '057', '088', '620', '720']) {
      const uai = makeUai(dep, 123);
      expect(isValidUai(uai)).toBe(true);
      expect(uaiDepartement(uai)).toBe(dep);
    }
  });

  it('accepts every real code whose letter checks, and refuses the others (914 codes)', () => {
    const file = path.resolve(__dirname, '../fixtures/real-uai.csv');
    const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
    const uai = header.indexOf('uai');
    const passes = header.indexOf('passes_check');
    expect(rows.length).toBe(914);
    const wrong = rows.filter((r) => isValidUai(r[uai]) !== (r[passes] === 'true'));
    expect(wrong).toEqual([]);
    expect(rows.filter((r) => r[passes] === 'false').length).toBe(21);
  });
});
