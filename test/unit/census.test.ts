// Every census rule with a passing and a failing case.

import {
  type CensusContext,
  type MemberRow,
  RULES,
  summarize,
  validateCensus,
  validateMember,
} from '../../src/core/census';
import type { CellValue } from '../../src/core/schema';
import { GOOD_MEMBER } from '../helpers/good-member';

const CTX: CensusContext = {
  departements: ['054', '055', '057', '088'],
  domain: 'ac-nancy-metz.fr',
  maxQuantity: 50,
};

const GOOD = GOOD_MEMBER;

const row = (changes: Record<string, CellValue> = {}, rowNumber = 2): MemberRow => ({
  row: rowNumber,
  cells: { ...GOOD, ...changes },
});
const codes = (changes: Record<string, CellValue>): string[] =>
  validateMember(row(changes), CTX).map((i) => i.code);

describe('census rules', () => {
  it('a complete, accepted, online-signed row has no issue', () => {
    expect(validateMember(row(), CTX)).toEqual([]);
  });

  it.each<[string, Record<string, CellValue>, string]>([
    ['UAI missing', { uai: '' }, 'UAI_MISSING'],
    ['UAI of 7 characters', { uai: '054001Y' }, 'UAI_FORMAT'],
    ['UAI of 9 characters', { uai: '05400155Y' }, 'UAI_FORMAT'],
    ['UAI with a space', { uai: '0540 015Y' }, 'UAI_FORMAT'],
    ['UAI with O for 0', { uai: 'O540015Y' }, 'UAI_FORMAT'],
    ['wrong check letter', { uai: '0540015A' }, 'UAI_CHECK'],
    ['check letter I', { uai: '0540015I' }, 'UAI_CHECK'],
    [
      'other département',
      { uai: '0010001W', email: 'ce.0010001w@ac-nancy-metz.fr' },
      'UAI_DEPARTEMENT',
    ],
    ['name missing', { name: '' }, 'NAME_MISSING'],
    ['address missing', { email: '' }, 'EMAIL_MISSING'],
    ['address invalid', { email: 'ce.0540015y@' }, 'EMAIL_SYNTAX'],
    ['personal address', { email: 'jean.dupont@ac-nancy-metz.fr' }, 'EMAIL_CONVENTION'],
    ['address without the letter', { email: 'ce.0540015@ac-nancy-metz.fr' }, 'EMAIL_CONVENTION'],
    ['address of another school', { email: 'ce.0540016z@ac-nancy-metz.fr' }, 'EMAIL_CONVENTION'],
    ['address of another académie', { email: 'ce.0540015y@ac-strasbourg.fr' }, 'EMAIL_CONVENTION'],
    ['DS pending (instruction)', { dsState: 'En instruction' }, 'DS_PENDING'],
    ['DS pending (construction)', { dsState: 'en_construction' }, 'DS_PENDING'],
    ['DS refused', { dsState: 'Refusé' }, 'DS_EXCLUDED'],
    ['DS without follow-up', { dsState: 'Classé sans suite' }, 'DS_EXCLUDED'],
    ['DS state unknown', { dsState: 'Validé' }, 'DS_STATE_UNKNOWN'],
    ['handwritten convention', { convention: 'Manuscrite' }, 'CONVENTION_HANDWRITTEN'],
    ['convention awaited', { convention: 'En attente', signatureDate: '' }, 'CONVENTION_MISSING'],
    ['convention unknown', { convention: 'Faxée' }, 'CONVENTION_UNKNOWN'],
    ['no service', { qty_vote: '', qty_pdf: 0 }, 'SERVICE_NONE'],
    ['quantity as text with a space', { qty_pdf: '2 ' }, 'QTY_TEXT'],
    ['quantity in words', { qty_pdf: 'deux' }, 'QTY_TEXT'],
    ['quantity not whole', { qty_pdf: 1.5 }, 'QTY_NOT_INTEGER'],
    ['negative quantity', { qty_pdf: -1 }, 'QTY_NOT_INTEGER'],
    ['quantity over the ceiling', { qty_pdf: 51 }, 'QTY_TOO_LARGE'],
    ['status unknown with TPE', { status: '', qty_tpe: 1 }, 'STATUS_UNKNOWN'],
    ['status missing without TPE', { status: '' }, 'STATUS_MISSING'],
    ['landline as signer phone', { signerPhone: '03 83 00 00 00' }, 'PHONE_FORMAT'],
    ['deposit date as text', { depositDate: '12/09/2025' }, 'DATE_TEXT'],
    ['unreadable date', { signatureDate: '31/02/2025' }, 'DATE_INVALID'],
    ['signature before deposit', { signatureDate: new Date(2025, 8, 1) }, 'DATE_ORDER'],
    ['wave missing', { wave: '' }, 'WAVE_MISSING'],
    ['formula-like name', { name: '=HYPERLINK("http://x";"y")' }, 'TEXT_SUSPICIOUS'],
    ['HTML in the name', { name: '<script>alert(1)</script>' }, 'TEXT_SUSPICIOUS'],
    ['5,000-character name', { name: 'x'.repeat(5000) }, 'TEXT_SUSPICIOUS'],
  ])('%s gives %s', (_label, changes, code) => {
    expect(codes(changes)).toContain(code);
  });

  it.each<[string, Record<string, CellValue>]>([
    ['lowercase UAI', { uai: '0540015y' }],
    ['gestion. address', { email: 'gestion.0540015y@ac-nancy-metz.fr' }],
    ['capitalised address', { email: 'Ce.0540015Y@ac-nancy-metz.fr' }],
    ['phone in international form', { signerPhone: '+33 7 12 34 56 78' }],
    ['phone that lost its 0', { signerPhone: 612345678 }],
    ['Privé with TPE', { status: 'Privé', qty_tpe: 2 }],
    ['a Vosges school (088)', { uai: '0880021V', email: 'ce.0880021v@ac-nancy-metz.fr' }],
    ['emoji in the name', { name: 'Collège 🌳 Les Tilleuls' }],
    ['quantity at the ceiling', { qty_pdf: 50 }],
  ])('%s passes', (_label, changes) => {
    const problems = validateMember(row(changes), CTX);
    expect(problems.map((i) => i.code)).toEqual([]);
  });

  it('every rule has a French title and a known severity', () => {
    for (const rule of Object.values(RULES)) {
      expect(['bloquant', 'avertissement']).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(5);
    }
  });

  it('flags duplicate UAIs and dossier numbers on every row concerned', () => {
    const results = validateCensus(
      [
        row({}, 2),
        row({ dossier: '18000001' }, 3),
        row({ uai: '0540016Z', email: 'ce.0540016z@ac-nancy-metz.fr' }, 4),
      ],
      CTX,
    );
    expect(results[0].issues.map((i) => i.message)).toEqual([
      'UAI 0540015Y en double : aussi ligne 3. Gardez une seule ligne par établissement.',
      'N° de dossier 18123456 en double : aussi ligne 4. Gardez une seule ligne par établissement.',
    ]);
    expect(results[1].issues.map((i) => i.code)).toEqual(['UAI_DUPLICATE']);
    expect(results[2].issues.map((i) => i.code)).toEqual(['DOSSIER_DUPLICATE']);
  });

  it('skips blank rows and counts statuses', () => {
    const blank: MemberRow = {
      row: 3,
      cells: Object.fromEntries(Object.keys(GOOD).map((k) => [k, ''])),
    };
    const results = validateCensus(
      [
        row(),
        blank,
        row({ uai: '0540016Z', email: 'ce.0540016z@ac-nancy-metz.fr', dossier: '2', wave: '' }, 4),
        row({ uai: 'x', dossier: '3' }, 5),
      ],
      CTX,
    );
    expect(results.map((r) => [r.row, r.status])).toEqual([
      [2, 'ok'],
      [4, 'warning'],
      [5, 'blocking'],
    ]);
    expect(summarize(results)).toEqual({ rows: 3, ok: 1, warnings: 1, blocking: 1 });
  });

  it('explains how to fix the check letter', () => {
    expect(validateMember(row({ uai: '0540015A' }), CTX)[0].message).toBe(
      'Lettre de contrôle incorrecte dans « 0540015A » : pour 0540015, la lettre attendue est Y. Vérifiez le code dans l’annuaire de l’éducation.',
    );
  });
});
