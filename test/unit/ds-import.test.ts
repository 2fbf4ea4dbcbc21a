import {
  DEFAULT_MAPPING,
  ImportError,
  locateFields,
  memoryFrom,
  memoryValues,
  parseSchool,
  planUpsert,
  readExportRows,
  sameMemory,
  type ImportRecord,
} from '../../src/core/ds-import';
import { cleanCode, showInvisible } from '../../src/core/uai';

const TODAY = new Date(2026, 2, 2);

describe('locating the census fields in an export', () => {
  const body = [
    ['1', 'Accepté', 'Lycée A, Nancy (0540015Y)', '2', 'Oui', 'texte libre'],
    ['2', 'Accepté', 'Collège B, Metz (0570001S)', '', 'Non', ''],
  ];

  it('finds the school by its content and quantities by provider words', () => {
    const header = ['ID', 'État du dossier', 'Votre EPLE', 'Licences Foxit', 'Kercia ?', 'Autre'];
    const { fields, unused } = locateFields([header, ...body], DEFAULT_MAPPING);
    expect(fields.get('school')).toBe(2);
    expect(fields.get('qty_pdf')).toBe(3);
    expect(fields.get('qty_vote')).toBe(4);
    expect(unused).toEqual(['Autre']);
  });

  it('never takes a provider-worded column of free text for a quantity', () => {
    const header = [
      'ID',
      'État du dossier',
      'Établissement',
      'Foxit',
      'Kercia',
      'Précisions sur le vote',
    ];
    const { fields, unused } = locateFields([header, ...body], DEFAULT_MAPPING);
    expect(fields.get('qty_vote')).toBe(4);
    expect(fields.get('censusComment')).toBe(5);
    expect(unused).toEqual([]);
    // A second free-text column is left unused, never a reason to stop.
    const two = [...header, 'Commentaire'];
    const more = locateFields([two, ...body.map((r) => [...r, 'merci'])], DEFAULT_MAPPING);
    expect(more.fields.get('censusComment')).toBe(6);
    expect(more.unused).toEqual(['Précisions sur le vote']);
  });

  it('stops on a column that fits two services, naming the mapping lines', () => {
    const header = ['ID', 'État du dossier', 'Établissement', 'PDF et signature', 'Kercia', 'x'];
    const lines = new Map([
      ['qty_pdf', 17],
      ['qty_signature', 19],
    ]);
    expect(() => locateFields([header, ...body], DEFAULT_MAPPING, lines)).toThrow(ImportError);
    expect(() => locateFields([header, ...body], DEFAULT_MAPPING, lines)).toThrow(
      /ligne 17 \(« Logiciel PDF \(Foxit\) »\) ou ligne 19 \(« Signature électronique \(Yousign\) »\)/,
    );
  });
});

describe('codes with invisible characters', () => {
  it('are cleaned for matching and shown in messages', () => {
    expect(cleanCode('\u00a00540015y\u200b')).toBe('0540015Y');
    expect(showInvisible('0541000U\u200b')).toBe('0541000U⟨U+200B⟩');
    expect(parseSchool('Lycée A, Nancy (0540015Y\u200b)')).toEqual({
      name: 'Lycée A',
      commune: 'Nancy',
      uai: '0540015Y',
    });
  });
});

describe('three-way upsert', () => {
  const record = (email: string): ImportRecord =>
    readExportRows(
      [
        ['ID', 'État du dossier', 'UAI', 'Adresse fonctionnelle'],
        ['7', 'Accepté', '0540015Y', email],
      ],
      DEFAULT_MAPPING,
    ).records[0];
  const row = (email: string) => ({
    row: 2,
    cells: { dossier: '7', uai: '0540015Y', dsState: 'Accepté', email },
  });
  const memoryOf = (email: string) => planUpsert([], [record(email)], TODAY).memory;

  it('keeps a correction while the export is unchanged', () => {
    const plan = planUpsert([row('b@x.fr')], [record('a@x.fr')], TODAY, memoryOf('a@x.fr'));
    expect(plan.updates).toEqual([]);
    expect(plan.conflicts).toEqual([]);
  });

  it('takes the export’s change when the cell was not corrected', () => {
    const plan = planUpsert([row('a@x.fr')], [record('c@x.fr')], TODAY, memoryOf('a@x.fr'));
    expect(plan.updates).toEqual([{ row: 2, key: 'email', value: 'c@x.fr' }]);
  });

  it('flags a conflict when both changed, keeping the sheet’s value', () => {
    const plan = planUpsert([row('b@x.fr')], [record('c@x.fr')], TODAY, memoryOf('a@x.fr'));
    expect(plan.updates).toEqual([]);
    expect(plan.conflicts).toEqual([
      { row: 2, key: 'email', kept: 'b@x.fr', exported: 'c@x.fr', previous: 'a@x.fr', line: 2 },
    ]);
    expect(plan.memory.get('7')?.email).toBe('s:c@x.fr');
  });
});

describe('a partial source (sync of what changed)', () => {
  const existing = ['7', '8', '9'].map((dossier, i) => ({
    row: i + 2,
    cells: { dossier, uai: ['0540015Y', '0570001S', '0540038Y'][i], dsState: 'Accepté' },
  }));
  const changed = readExportRows(
    [
      ['ID', 'État du dossier', 'UAI'],
      ['7', 'Refusé', '0540015Y'],
    ],
    DEFAULT_MAPPING,
  ).records;

  it('marks only the dossiers gone, and leaves the rows it did not fetch alone', () => {
    const plan = planUpsert(existing, changed, TODAY, new Map(), new Set(['9']));
    expect(plan.counts).toMatchObject({ updated: 1, unchanged: 0, absent: 1 });
    expect([...plan.marks.keys()].sort()).toEqual([2, 4]);
    expect(plan.marks.get(4)).toMatch(/^Absent de l'export du 02\/03\/2026/);
  });

  it('marks every row not in a whole export absent, as before', () => {
    expect(planUpsert(existing, changed, TODAY).counts.absent).toBe(2);
  });
});

describe('the import memory', () => {
  it('keeps long texts as a fingerprint and stays within a cell for any export line', () => {
    const comment = 'x'.repeat(40_000);
    const plan = planUpsert(
      [],
      readExportRows(
        [
          ['ID', 'État du dossier', 'UAI', 'Commentaire', 'Déposé le'],
          ['7', 'Accepté', '0540015Y', comment, '2025-09-12 10:31:00 +0200'],
        ],
        DEFAULT_MAPPING,
      ).records,
      TODAY,
    );
    const values = memoryValues(plan.memory);
    expect(String(values[1][1]).length).toBeLessThan(1000);
    const back = memoryFrom(values);
    expect(back.get('7')?.censusComment).toMatch(/^h:[0-9a-f]{8}:40002$/);
    expect(back.get('7')?.depositDate).toBe('d:2025-9-12');
    expect(sameMemory(back, plan.memory)).toBe(true);
  });
});
