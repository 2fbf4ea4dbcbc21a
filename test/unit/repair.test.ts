import { missingSeedRows, planSheet, repairReport } from '../../src/core/repair';
import { SETTINGS, SETTINGS_SHEET } from '../../src/core/workbook/settings';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { IMPORT_SHEET } from '../../src/core/workbook/import-ds';

const headers = MEMBERS_SHEET.columns.map((c) => c.header);

describe('repair plan', () => {
  it('creates a missing sheet', () => {
    const plan = planSheet({
      spec: MEMBERS_SHEET,
      exists: false,
      header: [],
      lastRow: 0,
      lastColumn: 0,
    });
    expect(plan.kind).toBe('create');
    expect(repairReport([plan])).toEqual(['Feuille « Adhérents » créée.']);
  });

  it('leaves a complete sheet alone, whatever the order, case and accents of its headers', () => {
    const shuffled = [...headers].reverse().map((h) =>
      h
        .toUpperCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
    );
    const plan = planSheet({
      spec: MEMBERS_SHEET,
      exists: true,
      header: shuffled,
      lastRow: 5,
      lastColumn: shuffled.length,
    });
    expect(plan).toMatchObject({ kind: 'update', added: [] });
    expect(repairReport([plan])).toEqual([]);
  });

  it('adds missing columns after the last used column, user columns untouched', () => {
    const header = ['Mon suivi', 'UAI', 'Établissement', '', 'Notes perso'];
    const plan = planSheet({
      spec: MEMBERS_SHEET,
      exists: true,
      header,
      lastRow: 10,
      lastColumn: 5,
    });
    if (plan.kind !== 'update') throw new Error('expected update');
    expect(plan.positions.get('uai')).toBe(2);
    expect(plan.positions.get('name')).toBe(3);
    expect(plan.positions.get('dossier')).toBe(6);
    expect(plan.added.map((c) => c.key)).not.toContain('uai');
    expect(Math.min(...plan.added.map((c) => plan.positions.get(c.key) as number))).toBe(6);
    expect(repairReport([plan])[0]).toMatch(
      /^Feuille « Adhérents » : colonnes ajoutées à la fin : « N° dossier », /,
    );
  });

  it('refuses a sheet whose headers are unrecognisable, with a clear message', () => {
    const plan = planSheet({
      spec: MEMBERS_SHEET,
      exists: true,
      header: ['foo', 'bar'],
      lastRow: 3,
      lastColumn: 2,
    });
    expect(plan.kind).toBe('unrecognised');
    expect(repairReport([plan])[0]).toMatch(
      /La feuille « Adhérents » existe mais sa ligne 1 ne contient aucun des en-têtes attendus/,
    );
  });

  it('writes headers into an existing empty sheet', () => {
    const plan = planSheet({
      spec: MEMBERS_SHEET,
      exists: true,
      header: [],
      lastRow: 0,
      lastColumn: 0,
    });
    expect(plan).toMatchObject({ kind: 'update' });
    if (plan.kind === 'update') expect(plan.added).toHaveLength(MEMBERS_SHEET.columns.length);
  });

  it('lists only the seed rows not yet in the sheet', () => {
    expect(missingSeedRows(SETTINGS_SHEET, [])).toHaveLength(SETTINGS.length);
    expect(
      missingSeedRows(
        SETTINGS_SHEET,
        SETTINGS.map((s) => s.key.toUpperCase()),
      ),
    ).toEqual([]);
    const rows = missingSeedRows(SETTINGS_SHEET, ['certigna.objet']);
    expect(rows.map((r) => r.key)).not.toContain('certigna.objet');
    expect(rows).toHaveLength(SETTINGS.length - 1);
    expect(repairReport([], new Map([['Paramètres', 3]]))).toEqual([
      'Feuille « Paramètres » : 3 lignes ajoutées avec leur valeur par défaut.',
    ]);
  });

  it('never judges the headers of a free-form sheet (a pasted export)', () => {
    const plan = planSheet({
      spec: IMPORT_SHEET,
      exists: true,
      header: ['ID', 'Email'],
      lastRow: 40,
      lastColumn: 2,
    });
    expect(plan).toMatchObject({ kind: 'update', added: [] });
  });
});
