// "Valider les recensements" through the bundle: every crafted bad row gets its code, nothing else
// changes, marks come and go, real codes are judged right, calls do not grow with the members.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CensusReport } from '../../src/features/census-validation';
import { MARK_COLORS, MARK_HEADER } from '../../src/core/marks';
import type { ValidationSummary } from '../../src/shared/api';
import { parseCsv, type CellValue } from '../../tools/emulator';
import { sampleMembers } from '../../tools/sample/members';
import { memberCells } from '../../tools/sample/workbook';
import { columnOf, typeRows, userValues } from '../helpers/members';
import { newWorld } from '../helpers/world';
import { GOOD_MEMBER } from '../helpers/good-member';

const GOOD = GOOD_MEMBER;

/** Crafted bad rows: each with the code it must get. Each row has its own UAI and dossier. */
const CORPUS: [string, Record<string, CellValue>, string][] = [
  ['wrong check letter', { uai: '0540020A' }, 'UAI_CHECK'],
  ['check letter I', { uai: '0540021I' }, 'UAI_CHECK'],
  ['check letter O', { uai: '0540022O' }, 'UAI_CHECK'],
  ['check letter Q', { uai: '0540023Q' }, 'UAI_CHECK'],
  ['7 characters', { uai: '054002Y' }, 'UAI_FORMAT'],
  ['9 characters', { uai: '05400255Y' }, 'UAI_FORMAT'],
  ['space inside', { uai: '0540 026D' }, 'UAI_FORMAT'],
  ['letter O for a zero', { uai: 'O540027E' }, 'UAI_FORMAT'],
  ['UAI as a formula-like text', { uai: '=HYPERLINK("x")' }, 'UAI_FORMAT'],
  ['UAI with HTML', { uai: '<script>alert(1)</script>' }, 'UAI_FORMAT'],
  ['UAI with emoji', { uai: '0540028🙂' }, 'UAI_FORMAT'],
  ['Corsica 2A', { uai: '6200001G' }, 'UAI_DEPARTEMENT'],
  ['Corsica 2B', { uai: '7200001N' }, 'UAI_DEPARTEMENT'],
  ['Ain', { uai: '0010001W' }, 'UAI_DEPARTEMENT'],
  ['UAI missing, other data present', { uai: '' }, 'UAI_MISSING'],
  ['name missing', { name: '' }, 'NAME_MISSING'],
  ['name is a formula-like text', { name: '=HYPERLINK("http://evil";"clic")' }, 'TEXT_SUSPICIOUS'],
  ['name with a script tag', { name: '<script>alert(1)</script>' }, 'TEXT_SUSPICIOUS'],
  ['5,000-character comment', { comment: 'x'.repeat(5000) }, 'TEXT_SUSPICIOUS'],
  ['address missing', { email: '' }, 'EMAIL_MISSING'],
  ['address without domain dot', { email: 'ce.0540015y@acnancy' }, 'EMAIL_SYNTAX'],
  ['address with a space', { email: 'ce.0540015y @ac-nancy-metz.fr' }, 'EMAIL_SYNTAX'],
  ['personal address', { email: 'marie.dupont@ac-nancy-metz.fr' }, 'EMAIL_CONVENTION'],
  ['DS in instruction', { dsState: 'En instruction' }, 'DS_PENDING'],
  ['DS in construction', { dsState: 'En construction' }, 'DS_PENDING'],
  ['DS refused', { dsState: 'Refusé' }, 'DS_EXCLUDED'],
  ['DS without follow-up', { dsState: 'Classé sans suite' }, 'DS_EXCLUDED'],
  ['DS state empty', { dsState: '' }, 'DS_STATE_UNKNOWN'],
  ['handwritten convention', { convention: 'Manuscrite' }, 'CONVENTION_HANDWRITTEN'],
  ['convention pending', { convention: 'En attente', signatureDate: '' }, 'CONVENTION_MISSING'],
  ['no service at all', { qty_pdf: '', qty_vote: '' }, 'SERVICE_NONE'],
  ['all quantities zero', { qty_pdf: 0, qty_vote: 0 }, 'SERVICE_NONE'],
  ['number typed as text', { qty_pdf: '2 ' }, 'QTY_TEXT'],
  ['number in words', { qty_pdf: 'deux' }, 'QTY_TEXT'],
  ['decimal quantity', { qty_pdf: 2.5 }, 'QTY_NOT_INTEGER'],
  ['negative quantity', { qty_pdf: -3 }, 'QTY_NOT_INTEGER'],
  ['quantity over the ceiling', { qty_pdf: 500 }, 'QTY_TOO_LARGE'],
  ['TPE without status', { status: '', qty_tpe: 1 }, 'STATUS_UNKNOWN'],
  ['unknown status', { status: 'Mixte' }, 'STATUS_MISSING'],
  ['landline phone', { signerPhone: '03 83 12 34 56' }, 'PHONE_FORMAT'],
  ['phone too short', { signerPhone: '06 12 34' }, 'PHONE_FORMAT'],
  ['date as text', { depositDate: '28/08/2025' }, 'DATE_TEXT'],
  ['impossible date', { signatureDate: '30/02/2025' }, 'DATE_INVALID'],
  ['signed before deposit', { signatureDate: new Date(2025, 7, 1) }, 'DATE_ORDER'],
  ['wave missing', { wave: '' }, 'WAVE_MISSING'],
];

function corpusRows(): Record<string, CellValue>[] {
  return CORPUS.map(([, changes], i) => {
    const serial = 100 + i;
    const first7 = `054${String(serial).padStart(4, '0')}`;
    const uai = first7 + 'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(first7) % 23];
    return {
      ...GOOD,
      dossier: String(18200000 + i),
      uai,
      email: `ce.${uai.toLowerCase()}@ac-nancy-metz.fr`,
      ...changes,
    };
  });
}

function initializedWorld() {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  return world;
}

describe('census validation through the bundle', () => {
  it(`gives each of the ${CORPUS.length} crafted bad rows its code, and changes no user value`, () => {
    const world = initializedWorld();
    const rows = corpusRows();
    typeRows(world, [rows[0], {}, ...rows.slice(1), { ...rows[15], dossier: '18299999' }]);
    const before = userValues(world);
    const { value: report } = world.run<CensusReport>('validateCensus');
    expect(userValues(world)).toEqual(before);
    const byRow = new Map(report.rows.map((r) => [r.row, r]));
    const sheetRows = [2, ...rows.slice(1).map((_, i) => i + 4)];
    CORPUS.forEach(([label, , code], i) => {
      expect([label, byRow.get(sheetRows[i])?.issues.map((x) => x.code)]).toEqual([
        label,
        expect.arrayContaining([code]),
      ]);
    });
    expect(byRow.has(3)).toBe(false);
    expect(byRow.get(rows.length + 3)?.issues.map((x) => x.code)).toContain('UAI_DUPLICATE');
    expect(byRow.get(sheetRows[15])?.issues.map((x) => x.code)).toContain('UAI_DUPLICATE');
    expect(report.summary.rows).toBe(rows.length + 1);
  });

  it('writes the status and anomalies columns and marks the offending cells', () => {
    const world = initializedWorld();
    typeRows(world, [
      GOOD,
      {
        ...GOOD,
        dossier: '2',
        uai: '0540016A',
        email: 'ce.0540016z@ac-nancy-metz.fr',
        convention: 'Manuscrite',
      },
    ]);
    world.run('validateCensusFromMenu');
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    expect(sheet.value(2, columnOf('check'))).toBe('Valide');
    expect(sheet.value(2, columnOf('issues'))).toBe('');
    expect(sheet.value(3, columnOf('check'))).toBe('Bloquant');
    expect(sheet.value(3, columnOf('issues'))).toMatch(
      /^⛔ \[UAI_CHECK\] Lettre de contrôle incorrecte/,
    );
    const uaiCell = sheet.cell(3, columnOf('uai'));
    expect(uaiCell?.background).toBe(MARK_COLORS.bloquant);
    expect(uaiCell?.note).toContain(MARK_HEADER);
    expect(sheet.cell(3, columnOf('convention'))?.note).toContain('[CONVENTION_HANDWRITTEN]');
    expect(sheet.cell(2, columnOf('uai'))?.note).toBeUndefined();
    expect(world.ui.shown.at(-1)?.title).toBe('Contrôle des recensements');
    expect(world.spreadsheet.toasts.at(-1)?.message).toBe(
      '2 recensements : 1 valide, 0 à vérifier, 1 bloquant.',
    );
    expect(world.spreadsheet.requireSheet('Journal').values().at(-1)?.[2]).toBe(
      'Validation des recensements',
    );
  });

  it('re-running removes only its own marks: user notes and colours come back', () => {
    const world = initializedWorld();
    typeRows(world, [{ ...GOOD, uai: '0540015A' }]);
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    const uai = sheet.cell(2, columnOf('uai'), true);
    uai.note = 'appelé le 3 février';
    uai.background = '#d9ead3';
    const name = sheet.cell(2, columnOf('name'), true);
    name.background = '#fff2cc';
    world.run('validateCensus');
    expect(uai.background).toBe(MARK_COLORS.bloquant);
    expect(uai.note).toMatch(/^appelé le 3 février\n\n— Contrôle du recensement —\n\[UAI_CHECK\]/);
    sheet.cell(2, columnOf('uai'), true).value = '0540015Y';
    world.run('validateCensus');
    expect(uai.note).toBe('appelé le 3 février');
    expect(uai.background).toBe('#d9ead3');
    expect(name.background).toBe('#fff2cc');
    expect(sheet.value(2, columnOf('check'))).toBe('Valide');
  });

  it('never takes the user’s "light red 3" or "light orange 3" for its own marks (issue 12, point 10)', () => {
    const world = initializedWorld();
    typeRows(world, [GOOD, { ...GOOD, dossier: '2', uai: '0540015A' }]);
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    const red = sheet.cell(2, columnOf('name'), true);
    red.background = MARK_COLORS.bloquant; // the user's own "light red 3"
    red.note = 'à rappeler';
    const orange = sheet.cell(2, columnOf('wave'), true);
    orange.background = MARK_COLORS.avertissement; // the user's own "light orange 3"
    const uai = sheet.cell(3, columnOf('uai'), true);
    world.run('validateCensus');
    expect(uai.background).toBe(MARK_COLORS.bloquant);
    sheet.cell(3, columnOf('uai'), true).value = '0540016Z';
    sheet.cell(3, columnOf('email'), true).value = 'ce.0540016z@ac-nancy-metz.fr';
    world.run('validateCensus');
    expect(red.background).toBe(MARK_COLORS.bloquant);
    expect(red.note).toBe('à rappeler');
    expect(orange.background).toBe(MARK_COLORS.avertissement);
    expect(uai.background ?? '#ffffff').toBe('#ffffff');
    expect(uai.note ?? '').toBe('');
  });

  it('keeps a colour the user put on a marked cell after the mark', () => {
    const world = initializedWorld();
    typeRows(world, [{ ...GOOD, uai: '0540015A' }]);
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    world.run('validateCensus');
    const uai = sheet.cell(2, columnOf('uai'), true);
    uai.background = '#b6d7a8'; // "vu" in the coordinator's own code
    sheet.cell(2, columnOf('uai'), true).value = '0540015Y';
    world.run('validateCensus');
    expect(uai.background).toBe('#b6d7a8');
    expect(uai.note ?? '').toBe('');
  });

  it('judges the 914 real codes right, and real e-mail quirks give at most a warning', () => {
    const file = path.resolve(__dirname, '../fixtures/real-uai.csv');
    const [header, ...lines] = parseCsv(fs.readFileSync(file, 'utf8'));
    const col = (name: string) => header.indexOf(name);
    const world = initializedWorld();
    typeRows(
      world,
      lines.map((l, i) => ({
        ...GOOD,
        dossier: String(19000000 + i),
        uai: l[col('uai')],
        name: l[col('name')],
        commune: l[col('commune')],
        status: l[col('status')] === 'Privé' ? 'Privé' : 'Public',
        email: l[col('email')] || `ce.${l[col('uai')].toLowerCase()}@ac-nancy-metz.fr`,
      })),
    );
    const { value: report } = world.run<CensusReport>('validateCensus');
    expect(report.rows).toHaveLength(914);
    report.rows.forEach((row, i) => {
      const passes = lines[i][col('passes_check')] === 'true';
      const uaiRefused = row.issues.some((x) => x.code === 'UAI_CHECK' || x.code === 'UAI_FORMAT');
      expect([lines[i][col('uai')], uaiRefused]).toEqual([lines[i][col('uai')], !passes]);
      const emailIssues = row.issues.filter((x) => x.column === 'Adresse fonctionnelle');
      expect(emailIssues.every((x) => x.severity === 'avertissement')).toBe(true);
    });
  });

  it('reads and writes the sheet in the same number of calls for 10 and for 2,000 members', () => {
    const calls = [10, 2000].map((count) => {
      const world = initializedWorld();
      typeRows(world, sampleMembers(count, 7).map(memberCells));
      return world.run('validateCensus').execution;
    });
    expect(calls[0].total).toBe(calls[1].total);
    expect(calls[0].serviceCalls('SpreadsheetApp')).toBe(calls[1].serviceCalls('SpreadsheetApp'));
    expect(calls[1].calls.get('Range.getValues')).toBe(calls[0].calls.get('Range.getValues'));
  });

  it('writes notes and colours only around the cells whose mark changes', () => {
    const world = initializedWorld();
    typeRows(world, sampleMembers(30, 7).map(memberCells));
    world.run('validateCensus');
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    const again = world.run('validateCensus').execution;
    expect(again.costs.get('Adhérents › Range.setNotes')).toBeUndefined();
    expect(again.costs.get('Adhérents › Range.setBackgrounds')).toBeUndefined();
    // One address broken: its cell alone is written, marked; the others stay as they were.
    sheet.cell(12, columnOf('email'), true).value = 'ce.0540015y@acnancy';
    const third = world.run('validateCensus').execution;
    expect(third.costs.get('Adhérents › Range.setNotes')?.cells).toBe(1);
    expect(third.costs.get('Adhérents › Range.setBackgrounds')?.cells).toBe(1);
    expect(sheet.cell(12, columnOf('email'))?.note).toContain(MARK_HEADER);
  });

  it('the summary page groups anomalies by rule and selects a cell', () => {
    const world = initializedWorld();
    typeRows(world, [
      { ...GOOD, uai: '0540015A' },
      { ...GOOD, dossier: '2', uai: '0540016A', email: '' },
    ]);
    world.run('validateCensus');
    const { value } = world.run<ValidationSummary>('getValidationSummary');
    expect(value.summary).toEqual({ rows: 2, ok: 0, warnings: 0, blocking: 2 });
    expect(value.groups.map((g) => [g.code, g.cells.length])).toEqual([
      ['UAI_CHECK', 2],
      ['EMAIL_MISSING', 1],
    ]);
    expect(value.groups[0].cells[1].a1).toBe('B3');
    world.run('selectMemberCell', ['B3']);
    expect(world.spreadsheet.activeSheet?.name).toBe('Adhérents');
    expect(() => world.run('selectMemberCell', ['B3:Z9; DROP'])).toThrow(
      'Adresse de cellule invalide',
    );
  });

  it('an empty members sheet gets a clear message', () => {
    const world = initializedWorld();
    world.run('validateCensusFromMenu');
    expect(world.ui.lastDialog()?.message).toBe('Aucun recensement dans la feuille « Adhérents ».');
  });
});
