// The table adapter on the emulator: read by header name in one call, write owned columns in one
// call per block, never a user column, text kept as text.

import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import type { SheetSpec } from '../../src/core/schema';
import { UserError } from '../../src/core/errors';
import {
  appendRecords,
  contiguousRuns,
  readTable,
  updateCells,
  writeColumns,
} from '../../src/gas/table';
import { newWorld, installGlobals, activeSpreadsheet } from '../helpers/world';

const SPEC: SheetSpec = {
  key: 'demo',
  name: 'Démo',
  purpose: 'test',
  columns: [
    { key: 'uai', header: 'UAI', owner: 'user', kind: 'uai', note: '' },
    { key: 'name', header: 'Établissement', owner: 'user', kind: 'text', note: '' },
    { key: 'status', header: 'Contrôle', owner: 'tool', kind: 'text', note: '' },
    { key: 'issues', header: 'Anomalies', owner: 'tool', kind: 'text', note: '' },
  ],
};

function setup(rows: unknown[][]) {
  const world = newWorld();
  const exec = installGlobals(world);
  const sheet = world.spreadsheet.addSheet('Démo');
  rows.forEach((line, r) =>
    line.forEach((v, c) => v !== '' && (sheet.cell(r + 1, c + 1, true).value = v as string)),
  );
  return { world, exec, sheet };
}

describe('table adapter', () => {
  it('reads records by header name whatever the order, case and accents, in one getValues', () => {
    const { exec } = setup([
      ['anomalies', 'Perso', 'etablissement', 'uai', 'CONTRÔLE'],
      ['', 'x', 'Lycée A', '0540015Y', ''],
      ['', '', '', '', ''],
      ['', 'y', 'Collège B', '0540016Z', 'OK'],
    ]);
    const table = readTable(activeSpreadsheet(), SPEC);
    expect(table.rows.map((r) => [r.row, r.cells.uai, r.cells.name, r.cells.status])).toEqual([
      [2, '0540015Y', 'Lycée A', ''],
      [3, '', '', ''],
      [4, '0540016Z', 'Collège B', 'OK'],
    ]);
    expect(exec.calls.get('Range.getValues')).toBe(1);
  });

  it('names the missing required columns in French', () => {
    setup([['UAI', 'Contrôle']]);
    expect(() => readTable(activeSpreadsheet(), SPEC)).toThrow(UserError);
    expect(() => readTable(activeSpreadsheet(), SPEC)).toThrow(
      'Feuille « Démo », ligne 1 : colonnes introuvables : « Établissement », « Anomalies ».',
    );
    expect(() => readTable(activeSpreadsheet(), MEMBERS_SHEET)).toThrow(
      'La feuille « Adhérents » est introuvable.',
    );
  });

  it('writes adjacent owned columns in one call, keeps text literal, and refuses user columns', () => {
    const { exec, sheet } = setup([
      ['UAI', 'Établissement', 'Contrôle', 'Anomalies', 'Perso'],
      ['0540015Y', 'Lycée A', '', '', 'garder'],
      ['0540016Z', 'Collège B', '', '', 'garder aussi'],
    ]);
    const table = readTable(activeSpreadsheet(), SPEC);
    const before = exec.calls.get('Range.setValues') ?? 0;
    writeColumns(table, { status: ['OK', 'Bloquant'], issues: ['', '=HYPERLINK("x")'] });
    expect(exec.calls.get('Range.setValues')).toBe(before + 1);
    expect(sheet.values()).toEqual([
      ['UAI', 'Établissement', 'Contrôle', 'Anomalies', 'Perso'],
      ['0540015Y', 'Lycée A', 'OK', '', 'garder'],
      ['0540016Z', 'Collège B', 'Bloquant', '=HYPERLINK("x")', 'garder aussi'],
    ]);
    expect(sheet.cell(3, 4)?.formula).toBeUndefined();
    expect(() => writeColumns(table, { name: ['a', 'b'] })).toThrow('belongs to the user');
  });

  it('writes non-adjacent owned columns in one call each', () => {
    const { exec } = setup([
      ['Contrôle', 'UAI', 'Établissement', 'Anomalies'],
      ['', '0540015Y', 'Lycée A', ''],
    ]);
    const table = readTable(activeSpreadsheet(), SPEC);
    writeColumns(table, { status: ['OK'], issues: ['aucune'] });
    expect(exec.calls.get('Range.setValues')).toBe(2);
  });

  it('appends records below the last row in one write, growing the sheet when needed', () => {
    const { exec, sheet } = setup([['UAI', 'Établissement', 'Contrôle', 'Anomalies']]);
    sheet.maxRows = 3;
    const table = readTable(activeSpreadsheet(), SPEC);
    appendRecords(table, [
      { uai: '0540015Y', name: '0612' },
      { uai: '0540016Z', name: '=1+1' },
      { uai: '0540017A', name: '+33' },
      { uai: '0540018B', name: 'Lycée' },
    ]);
    expect(sheet.maxRows).toBe(5);
    expect(
      sheet
        .values()
        .slice(1)
        .map((r) => r[1]),
    ).toEqual(['0612', '=1+1', '+33', 'Lycée']);
    expect(exec.calls.get('Range.setValues')).toBe(1);
  });

  it('updates scattered cells without rewriting the formulas or the edits in between (issue 12, point 6)', () => {
    const callsFor = (count: number) => {
      const lines: unknown[][] = [['UAI', 'Établissement', 'Contrôle', 'Anomalies']];
      for (let i = 0; i < count; i++) lines.push([`U${i}`, `École ${i}`, '', '']);
      const { exec, sheet } = setup([]);
      sheet.maxRows = count + 10;
      lines.forEach((line, r) =>
        line.forEach((v, c) => v !== '' && (sheet.cell(r + 1, c + 1, true).value = v as string)),
      );
      Object.assign(sheet.cell(4, 2, true), { value: 'FORMULE', formula: '=UPPER("formule")' });
      Object.assign(sheet.cell(7, 2, true), { value: 'U5 bis', formula: '=A7&" bis"' });
      const table = readTable(activeSpreadsheet(), SPEC);
      // Meanwhile, someone edits a cell between the changes and one of the changed cells.
      sheet.cell(6, 2, true).value = 'saisi pendant l’opération';
      sheet.cell(8, 2, true).value = 'corrigé pendant l’opération';
      const before = exec.total;
      updateCells(table, [
        { row: 3, key: 'name', value: 'Nouveau 3' },
        { row: 5, key: 'name', value: 'Nouveau 5' },
        { row: 8, key: 'name', value: 'Nouveau 8' },
        { row: 10, key: 'name', value: '=pas une formule' },
      ]);
      return { sheet, calls: exec.total - before, setValues: exec.calls.get('Range.setValues') };
    };
    const { sheet, calls, setValues } = callsFor(10);
    expect(sheet.cell(4, 2)?.formula).toBe('=UPPER("formule")');
    expect(sheet.cell(7, 2)?.formula).toBe('=A7&" bis"');
    expect(sheet.value(6, 2)).toBe('saisi pendant l’opération');
    expect(sheet.value(8, 2)).toBe('corrigé pendant l’opération');
    expect([3, 5, 9, 10].map((r) => sheet.value(r, 2))).toEqual([
      'Nouveau 3',
      'Nouveau 5',
      'École 7',
      '=pas une formule',
    ]);
    expect(sheet.cell(10, 2)?.formula).toBeUndefined();
    expect(setValues).toBe(1);
    expect(callsFor(1000).calls).toBe(calls);
  });

  it('groups column positions into runs', () => {
    expect(contiguousRuns([5, 1, 2, 7, 6, 3])).toEqual([
      [1, 2, 3],
      [5, 6, 7],
    ]);
  });
});
