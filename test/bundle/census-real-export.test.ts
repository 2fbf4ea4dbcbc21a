// Issue 12, census import under real use: an export built from the real DS header list with the
// groupement's own field labels (several wordings) imports without touching "Correspondance DS";
// unknown-but-recognisable columns stop the import with the mapping line to fill; a header-only
// export is refused; the census comment is imported; an unreadable school never clears a UAI; a
// refiled dossier is the same member; invisible characters are stripped and shown.

import type { CensusReport } from '../../src/features/census-validation';
import type { ImportOutcome } from '../../src/shared/api';
import { DS_FIXED_HEADERS, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers, type SampleMember } from '../../tools/sample/members';
import type { AppsScriptWorld, CellValue } from '../../tools/emulator';
import { GOOD_MEMBER } from '../helpers/good-member';
import { columnOf, typeRows } from '../helpers/members';
import { workbookPicture } from '../helpers/snapshot';
import { newWorld } from '../helpers/world';

/** One way a census démarche may label its fields (as instructors really word them). */
interface Wording {
  readonly school: string;
  readonly status: string;
  readonly email: string;
  readonly phone: string;
  readonly wave: string;
  readonly comment: string;
  readonly vote: string;
  /** True when the vote is asked as a yes/no question. */
  readonly voteYesNo?: boolean;
  readonly tpe: string;
  readonly pdf: string;
  readonly rgs: string;
  readonly signature: string;
  /** Form fields no census column needs. */
  readonly extra: readonly string[];
}

const WORDINGS: readonly Wording[] = [
  {
    school: "Établissement (Annuaire de l'éducation)",
    status: "Statut de l'établissement",
    email: "Adresse électronique fonctionnelle de l'établissement",
    phone: 'Numéro de portable de la personne habilitée à signer',
    wave: "Vague d'adhésion",
    comment: 'Commentaire',
    vote: "Vote électronique – nombre d'accès (Kercia)",
    tpe: 'Nombre de TPE',
    pdf: 'Licences Foxit PDF',
    rgs: 'Certificats RGS** Certigna (nombre)',
    signature: 'Signature électronique Yousign : nombre de comptes',
    extra: ["Nom du chef d'établissement"],
  },
  {
    school: "Choisissez votre établissement dans l'annuaire",
    status: 'Public / privé',
    email: 'Courriel fonctionnel (ce.UAI@ac-nancy-metz.fr)',
    phone: 'Téléphone mobile du signataire de la convention',
    wave: 'Vague',
    comment: 'Remarques éventuelles',
    vote: 'Souhaitez-vous le vote électronique ?',
    voteYesNo: true,
    tpe: 'Terminaux de paiement électronique (EXM)',
    pdf: 'Logiciel PDF : nombre de licences',
    rgs: 'Nombre de certificats RGS**',
    signature: 'Comptes de signature électronique',
    extra: ['Date souhaitée de signature de la convention'],
  },
  {
    school: 'Votre EPLE',
    status: 'Établissement public ou privé',
    email: 'Adresse mail fonctionnelle',
    phone: 'Portable du chef d’établissement',
    wave: 'Vague (automne ou printemps)',
    comment: 'Observations',
    vote: 'Kercia',
    tpe: 'EXM - terminaux',
    pdf: 'Foxit',
    rgs: 'Certigna',
    signature: 'Yousign',
    extra: [],
  },
];

const pad = (n: number): string => String(n).padStart(2, '0');
const dsDate = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:00 +0200`;

const commentOf = (m: SampleMember, i: number): string =>
  i % 4 === 0 ? `Merci de contacter l'intendance (${m.commune}) ; TPE pour la cantine.` : '';

/** A CSV export: the real fixed columns, then the démarche's fields in the given wording. */
function realExport(members: readonly SampleMember[], w: Wording): CellValue[][] {
  const header = [
    ...DS_FIXED_HEADERS,
    w.school,
    w.status,
    w.email,
    w.phone,
    w.wave,
    w.vote,
    w.tpe,
    w.pdf,
    w.rgs,
    w.signature,
    ...w.extra,
    w.comment,
  ];
  const rows = members.map((m, i) => {
    const fixed: Record<string, CellValue> = {
      ID: m.dossier,
      Email: `secretariat.${m.uai.toLowerCase()}@ac-nancy-metz.fr`,
      'FranceConnect ?': 'false',
      'Établissement SIRET': `1954${String(m.dossier).slice(-6)}00011`,
      'Établissement siège social': 'true',
      'Établissement localité': m.commune.toUpperCase(),
      'Entreprise raison sociale': m.name.toUpperCase(),
      'À archiver': 'false',
      'État du dossier': m.dsState,
      'Dernière mise à jour le': dsDate(m.depositDate),
      'Dernière mise à jour du dossier le': dsDate(m.depositDate),
      'Déposé le': dsDate(m.depositDate),
      Instructeurs: 'coordination@example.fr',
    };
    const q = m.quantities;
    const vote = w.voteYesNo ? (Number(q.vote) > 0 ? 'Oui' : 'Non') : q.vote;
    return [
      ...DS_FIXED_HEADERS.map((h) => fixed[h] ?? ''),
      `${m.name}, ${m.commune} (${m.uai})`,
      m.status,
      m.email,
      m.signerPhone,
      m.wave,
      vote,
      q.tpe,
      q.pdf,
      q.rgs,
      q.signature,
      ...w.extra.map((_, e) => (e === 0 ? `Jean Dupont ${i}` : '')),
      commentOf(m, i),
    ].map((v) => (v === undefined ? '' : v));
  });
  return [header, ...rows];
}

const members = sampleMembers(80);

function initializedWorld(): AppsScriptWorld {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  return world;
}

const importCsv = (world: AppsScriptWorld, csv: string, name = 'dossiers.csv') =>
  world.run<ImportOutcome>('importDsCsv', [csv, name]).value;

function withoutJournal(world: AppsScriptWorld): unknown {
  return (workbookPicture(world.spreadsheet) as { name: string }[]).filter(
    (s) => s.name !== 'Journal',
  );
}

/** The error a server call throws, as text (what a page or the command line would show). */
function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return String(error);
  }
  throw new Error('no error thrown');
}

const mappingLineOf = (world: AppsScriptWorld, field: string): number =>
  world.spreadsheet
    .requireSheet('Correspondance DS')
    .values()
    .findIndex((r) => r[0] === field) + 1;

describe('a real census export (issue 12, point 1)', () => {
  it.each(WORDINGS.map((w, i) => [i + 1, w] as const))(
    'wording %i imports every declared quantity without touching "Correspondance DS"',
    (_, wording) => {
      const world = initializedWorld();
      const mappingBefore = world.spreadsheet.requireSheet('Correspondance DS').values();
      const outcome = importCsv(world, toCsv(realExport(members, wording), ';', true));
      expect(outcome).toMatchObject({ created: 80, updated: 0, rejected: 0 });
      expect(world.spreadsheet.requireSheet('Correspondance DS').values()).toEqual(mappingBefore);
      const sheet = world.spreadsheet.requireSheet('Adhérents');
      members.forEach((m, i) => {
        const row = i + 2;
        expect(sheet.value(row, columnOf('uai'))).toBe(m.uai);
        expect(sheet.value(row, columnOf('status'))).toBe(m.status);
        expect(sheet.value(row, columnOf('email'))).toBe(m.email);
        expect(sheet.value(row, columnOf('signerPhone'))).toBe(m.signerPhone);
        expect(sheet.value(row, columnOf('wave'))).toBe(m.wave);
        const vote = wording.voteYesNo
          ? Number(m.quantities.vote) > 0
            ? 1
            : ''
          : m.quantities.vote;
        expect(sheet.value(row, columnOf('qty_vote'))).toBe(vote);
        for (const id of ['tpe', 'pdf', 'rgs', 'signature']) {
          const q = m.quantities[id];
          // "2 " (typed with a space in the sample) arrives as the number it says.
          const expected = typeof q === 'string' && /^\d+ *$/.test(q) ? Number(q) : q;
          expect(sheet.value(row, columnOf(`qty_${id}`))).toBe(expected);
        }
      });
      const standard = outcome.lines.find((l) =>
        l.startsWith('Colonnes standard de démarches simplifiées non utilisées (19) :'),
      );
      expect(standard).toContain('« Email »');
      expect(standard).toContain('« Entreprise raison sociale »');
      const fromForm = outcome.lines.find((l) =>
        l.startsWith('Colonnes du formulaire non utilisées'),
      );
      for (const extra of wording.extra) expect(fromForm).toContain(`« ${extra} »`);
      if (wording.extra.length === 0) expect(fromForm).toBeUndefined();
      const unused = `${standard} ${fromForm ?? ''}`;
      for (const used of [wording.school, wording.tpe, wording.pdf, wording.comment])
        expect(unused).not.toContain(`« ${used} »`);
      // The schools that asked for services are not blocked as having none.
      const report = world.run<CensusReport>('validateCensus').value;
      const none = report.rows.filter((r) => r.issues.some((x) => x.code === 'SERVICE_NONE'));
      const askedNothing = members.filter((m) =>
        Object.values(m.quantities).every((q) => q === '' || q === 0),
      );
      expect(none).toHaveLength(askedNothing.length);
    },
  );

  it('re-importing the same real export changes nothing', () => {
    const world = initializedWorld();
    const csv = toCsv(realExport(members, WORDINGS[0]), ';', true);
    importCsv(world, csv);
    const once = withoutJournal(world);
    const second = importCsv(world, csv);
    expect(second).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: 80 });
    expect(withoutJournal(world)).toEqual(once);
  });

  it('stops on a column that looks like a service but cannot be mapped, naming the mapping line', () => {
    const world = initializedWorld();
    const rows = realExport(members.slice(0, 5), WORDINGS[0]);
    rows[0].push('TPE (EXM)');
    rows.slice(1).forEach((r) => r.push(2));
    const before = withoutJournal(world);
    const message = errorOf(() => importCsv(world, toCsv(rows)));
    expect(message).toContain('« Nombre de TPE »');
    expect(message).toContain('« TPE (EXM) »');
    expect(message).toContain(
      `« Correspondance DS »`.slice(0, 0) +
        `ligne ${mappingLineOf(world, 'qty_tpe')} (« TPE (EXM) »)`,
    );
    expect(message).toContain("Rien n'a été importé.");
    expect(message).not.toMatch(/UserError|ImportError|^Error/);
    expect(withoutJournal(world)).toEqual(before);
  });

  it('stops on a column that looks like two services at once', () => {
    const world = initializedWorld();
    const rows = realExport(members.slice(0, 3), WORDINGS[2]);
    rows[0][rows[0].indexOf('Yousign')] = 'Certificats et signature';
    const message = errorOf(() => importCsv(world, toCsv(rows)));
    expect(message).toContain(
      "« Certificats et signature » de l'export ressemble à plusieurs champs",
    );
    expect(message).toContain(`ligne ${mappingLineOf(world, 'qty_signature')}`);
  });

  it('shows the refusal of a missing state column without an internal type name', () => {
    const world = initializedWorld();
    const rows = realExport(members.slice(0, 3), WORDINGS[0]);
    rows[0][rows[0].indexOf('État du dossier')] = 'Statut DS';
    const message = errorOf(() => importCsv(world, toCsv(rows)));
    expect(message).toMatch(/^Colonnes obligatoires absentes de l'export : « État du dossier »/);
    expect(message).toContain(`ligne ${mappingLineOf(world, 'dsState')} (« État DS »)`);
    const sheet = world.spreadsheet.requireSheet('Import DS');
    sheet.maxColumns = 60; // pasting a wide export widens the sheet
    rows.forEach((r, i) =>
      r.forEach((v, c) => v !== '' && (sheet.cell(i + 1, c + 1, true).value = v)),
    );
    world.run('importDsSheetFromMenu');
    expect(world.ui.lastDialog()?.message).toMatch(/^Colonnes obligatoires absentes/);
    expect(world.ui.lastDialog()?.message).not.toContain('Error');
  });
});

describe('an export with no dossier (point 2)', () => {
  it('is refused, and no member is marked absent', () => {
    const world = initializedWorld();
    typeRows(world, [GOOD_MEMBER]);
    const before = withoutJournal(world);
    const header = realExport([], WORDINGS[0]);
    const message = errorOf(() => importCsv(world, toCsv(header)));
    expect(message).toMatch(/^L'export ne contient aucun dossier/);
    expect(withoutJournal(world)).toEqual(before);
    expect(world.spreadsheet.requireSheet('Adhérents').value(2, columnOf('importNote'))).toBe('');
  });
});

describe('the census comment (point 4)', () => {
  it('goes into its own column; the coordinator’s comment column is untouched', () => {
    const world = initializedWorld();
    const csv = toCsv(realExport(members.slice(0, 8), WORDINGS[1]));
    importCsv(world, csv);
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    expect(sheet.value(1, columnOf('censusComment'))).toBe('Commentaire du recensement');
    expect(sheet.value(2, columnOf('censusComment'))).toBe(commentOf(members[0], 0));
    expect(sheet.value(6, columnOf('censusComment'))).toBe(commentOf(members[4], 4));
    expect(sheet.value(2, columnOf('comment'))).toBe('');
  });
});

describe('an unreadable school field (point 7)', () => {
  it('never clears the UAI: the row is flagged instead', () => {
    const world = initializedWorld();
    typeRows(world, [GOOD_MEMBER]);
    const rows = realExport(members.slice(0, 1), WORDINGS[0]);
    rows[1][0] = GOOD_MEMBER.dossier as string;
    rows[1][rows[0].indexOf(WORDINGS[0].school)] = 'Lycée Les Tilleuls - Val-sur-Meurthe';
    const outcome = importCsv(world, toCsv(rows));
    const sheet = world.spreadsheet.requireSheet('Adhérents');
    expect(sheet.value(2, columnOf('uai'))).toBe('0540015Y');
    expect(sheet.value(2, columnOf('name'))).toBe('Lycée Les Tilleuls');
    expect(sheet.value(2, columnOf('importNote'))).toContain('Établissement illisible');
    expect(outcome.lines.join('\n')).toContain(
      'établissement illisible « Lycée Les Tilleuls - Val-sur-Meurthe »',
    );
    expect(outcome.lines.join('\n')).toContain('1 ligne à vérifier');
  });

  it('reads a school field with a zero-width space inside the parentheses', () => {
    const world = initializedWorld();
    typeRows(world, [GOOD_MEMBER]);
    const rows = realExport(members.slice(0, 1), WORDINGS[0]);
    rows[1][0] = GOOD_MEMBER.dossier as string;
    rows[1][rows[0].indexOf(WORDINGS[0].school)] =
      'Lycée Les Tilleuls, Val-sur-Meurthe (0540015Y\u200b)';
    importCsv(world, toCsv(rows));
    expect(world.spreadsheet.requireSheet('Adhérents').value(2, columnOf('uai'))).toBe('0540015Y');
  });
});

describe('a refiled dossier (point 8)', () => {
  const OLD = { ...GOOD_MEMBER, qty_tpe: 1, dossier: '18000001' };
  const exportOf = (order: 'old-first' | 'new-first'): CellValue[][] => {
    const base = realExport(members.slice(0, 1), WORDINGS[0]);
    const line = (dossier: string, state: string): CellValue[] => {
      const r = [...base[1]];
      r[0] = dossier;
      r[base[0].indexOf('État du dossier')] = state;
      r[base[0].indexOf(WORDINGS[0].school)] = 'Lycée Les Tilleuls, Val-sur-Meurthe (0540015Y)';
      r[base[0].indexOf(WORDINGS[0].email)] = 'ce.0540015y@ac-nancy-metz.fr';
      const services = { vote: 1, tpe: 1, pdf: 3, rgs: '', signature: '' };
      r[base[0].indexOf(WORDINGS[0].vote)] = services.vote;
      r[base[0].indexOf(WORDINGS[0].tpe)] = services.tpe;
      r[base[0].indexOf(WORDINGS[0].pdf)] = services.pdf;
      r[base[0].indexOf(WORDINGS[0].rgs)] = services.rgs;
      r[base[0].indexOf(WORDINGS[0].signature)] = services.signature;
      return r;
    };
    const old = line('18000001', 'Classé sans suite');
    const fresh = line('18000999', 'Accepté');
    return [base[0], ...(order === 'old-first' ? [old, fresh] : [fresh, old])];
  };

  it.each(['old-first', 'new-first'] as const)(
    'is the same member (%s): one row, no duplicate, no withdrawal',
    (order) => {
      const world = initializedWorld();
      typeRows(world, [OLD]);
      world.run('refreshTrackingFromMenu');
      const outcome = importCsv(world, toCsv(exportOf(order)));
      const sheet = world.spreadsheet.requireSheet('Adhérents');
      expect(sheet.lastRow()).toBe(2);
      expect(outcome.created).toBe(0);
      expect(sheet.value(2, columnOf('dossier'))).toBe('18000999');
      expect(sheet.value(2, columnOf('dsState'))).toBe('Accepté');
      expect(sheet.value(2, columnOf('importNote'))).toContain(
        'Nouveau dossier 18000999 (Accepté) : remplace le dossier 18000001',
      );
      const report = world.run<CensusReport>('validateCensus').value;
      expect(report.rows[0].issues.map((i) => i.code)).not.toContain('UAI_DUPLICATE');
      world.run('refreshTrackingFromMenu');
      const suivi = world.spreadsheet.requireSheet('Suivi').values().flat().map(String);
      expect(suivi.filter((v) => v.includes('Retiré'))).toEqual([]);
      // Importing again changes nothing.
      const before = withoutJournal(world);
      expect(importCsv(world, toCsv(exportOf(order)))).toMatchObject({ created: 0, updated: 0 });
      expect(withoutJournal(world)).toEqual(before);
    },
  );

  it('a closed dossier next to the open one of the same school is no duplicate', () => {
    const world = initializedWorld();
    typeRows(world, [
      { ...OLD, dsState: 'Classé sans suite' },
      { ...GOOD_MEMBER, dossier: '18000999' },
    ]);
    const report = world.run<CensusReport>('validateCensus').value;
    expect(report.rows[1].status).toBe('ok');
    expect(report.rows.flatMap((r) => r.issues.map((i) => i.code))).not.toContain('UAI_DUPLICATE');
  });
});

describe('invisible characters in codes (point 14)', () => {
  it('matching strips them; the validation shows them explicitly', () => {
    const world = initializedWorld();
    typeRows(world, [{ ...GOOD_MEMBER, uai: '0540015Y\u200b' }]);
    const report = world.run<CensusReport>('validateCensus').value;
    const issues = report.rows[0].issues;
    expect(issues.map((i) => i.code)).not.toContain('UAI_FORMAT');
    expect(issues.find((i) => i.code === 'UAI_INVISIBLE')?.message).toContain(
      '« 0540015Y⟨U+200B⟩ »',
    );
    expect(report.rows[0].status).toBe('warning');
    // The import finds the member through its UAI, invisible character or not.
    const rows = realExport(members.slice(0, 1), WORDINGS[0]);
    rows[0].push('UAI');
    rows[1].push('\u00a00540015Y\u200b');
    rows[1][0] = '19000000';
    const outcome = importCsv(world, toCsv(rows));
    expect(outcome.created).toBe(0);
    expect(world.spreadsheet.requireSheet('Adhérents').value(2, columnOf('uai'))).toBe('0540015Y');
  });
});
