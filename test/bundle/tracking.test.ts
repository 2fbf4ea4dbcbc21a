// Tracking and dashboard through the bundle: every activation path walked from census to active,
// steps out of order refused, idempotent refresh, comments kept, constant calls, edit trigger.

import { stepsFor, TRACKING_STATUS } from '../../src/core/tracking';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import type { TrackedService } from '../../src/core/catalogue';
import { matchHeaders } from '../../src/core/schema';
import type { AppsScriptWorld, CellValue } from '../../tools/emulator';
import { sampleMembers } from '../../tools/sample/members';
import { memberCells } from '../../tools/sample/workbook';
import { GOOD_MEMBER } from '../helpers/good-member';
import { typeRows } from '../helpers/members';
import { workbookPicture } from '../helpers/snapshot';
import { newWorld } from '../helpers/world';

function worldWith(rows: Record<string, CellValue>[]): AppsScriptWorld {
  const world = newWorld();
  world.run('initializeWorkbookFromMenu');
  typeRows(world, rows);
  world.run('refreshTrackingFromMenu');
  return world;
}

function trackingRows(world: AppsScriptWorld): Record<string, CellValue>[] {
  const values = world.spreadsheet.requireSheet('Suivi').values();
  const { positions } = matchHeaders(TRACKING_SHEET, values[0]);
  return values
    .slice(1)
    .map((line) => Object.fromEntries([...positions].map(([k, p]) => [k, line[p - 1]])));
}

const rowOf = (world: AppsScriptWorld, key: string) =>
  trackingRows(world).find((r) => r.key === key) as Record<string, CellValue>;

const ALL = { qty_vote: 1, qty_tpe: 2, qty_pdf: 3, qty_rgs: 1, qty_signature: 1 };
const PUBLIC = { ...GOOD_MEMBER, ...ALL, convention: 'En attente', signatureDate: '' };
const PRIVATE = {
  ...PUBLIC,
  dossier: '2',
  uai: '0570001S',
  email: 'ce.0570001s@ac-nancy-metz.fr',
  status: 'Privé',
};

describe('activation tracking through the bundle', () => {
  it('creates a row per member and subscribed service, plus the convention', () => {
    const world = worldWith([
      PUBLIC,
      {
        ...PUBLIC,
        dossier: '3',
        uai: '0540016Z',
        email: 'ce.0540016z@ac-nancy-metz.fr',
        dsState: 'En instruction',
      },
    ]);
    expect(trackingRows(world).map((r) => r.key)).toEqual([
      '0540015Y|convention',
      '0540015Y|vote',
      '0540015Y|tpe',
      '0540015Y|pdf',
      '0540015Y|rgs',
      '0540015Y|signature',
    ]);
    const tpe = rowOf(world, '0540015Y|tpe');
    expect(tpe).toMatchObject({
      step: 'Demande DDFIP à faire',
      status: 'À lancer',
      actor: 'Établissement',
      subscription: 'Recensé',
    });
    const sheet = world.spreadsheet.requireSheet('Suivi');
    expect(sheet.cell(4, 9)?.validation?.values).toEqual(
      stepsFor('tpe', 'Public').map((s) => s.label),
    );
  });

  it.each<[string, Record<string, CellValue>, TrackedService]>([
    ['convention', PUBLIC, 'convention'],
    ['vote (Kercia)', PUBLIC, 'vote'],
    ['TPE, public school (DDFIP)', PUBLIC, 'tpe'],
    ['TPE, private school (direct contact)', PRIVATE, 'tpe'],
    ['PDF (Foxit)', PUBLIC, 'pdf'],
    ['RGS** certificates (Certigna)', PUBLIC, 'rgs'],
    ['electronic signature (Yousign)', PUBLIC, 'signature'],
  ])('walks the %s path from census to active', (_label, member, service) => {
    const world = worldWith([member]);
    const uai = String(member.uai);
    const steps = stepsFor(service, member.status);
    steps.slice(1).forEach((step, i) => {
      world.clock.advance(86_400_000);
      const { value } = world.run<string>('recordStep', [
        { uai, service, step: step.id, date: `2026-03-${String(3 + i).padStart(2, '0')}` },
      ]);
      expect(value).toContain(`« ${step.label} »`);
      const row = rowOf(world, `${uai}|${service}`);
      expect(row.step).toBe(step.label);
      expect(row.status).toBe(i === steps.length - 2 ? 'Actif' : 'En cours');
    });
    const row = rowOf(world, `${uai}|${service}`);
    expect(String(row.history).split('\n')).toHaveLength(steps.length);
    const dashboard = world.spreadsheet.requireSheet('Tableau de bord').values();
    expect(dashboard.some((line) => line.includes(steps[steps.length - 1].label))).toBe(true);
  });

  it('refuses a step out of order with a clear message and changes nothing', () => {
    const world = worldWith([PUBLIC]);
    world.run('recordStep', [
      { uai: '0540015Y', service: 'tpe', step: 'contract_sent', date: '2026-03-05' },
    ]);
    const before = workbookPicture(world.spreadsheet);
    expect(() =>
      world.run('recordStep', [{ uai: '0540015Y', service: 'tpe', step: 'ddfip_requested' }]),
    ).toThrow(
      'TPE : l’étape « Demande DDFIP faite » précède l’étape actuelle « Contrat envoyé à EXM » ; une étape ne revient pas en arrière (notez plutôt un commentaire).',
    );
    expect(() =>
      world.run('recordStep', [{ uai: '0540015Y', service: 'tpe', step: 'provider_contacted' }]),
    ).toThrow(/L’étape « provider_contacted » n’existe pas pour TPE \(Public\)/);
    // One user-facing error type: as text, the French message alone, no internal type name.
    let shown = '';
    try {
      world.run('recordStep', [{ uai: '0540015Y', service: 'tpe', step: 'ddfip_requested' }]);
    } catch (error) {
      shown = String(error);
    }
    expect(shown).toMatch(/^TPE : l’étape « Demande DDFIP faite » précède/);
    expect(() =>
      world.run('recordStep', [{ uai: '0540099Z', service: 'tpe', step: 'transmitted' }]),
    ).toThrow(/UAI « 0540099Z » invalide|Aucune ligne de suivi/);
    expect(workbookPicture(world.spreadsheet)).toEqual(before);
    expect(rowOf(world, '0540015Y|tpe').history).toMatch(
      /étapes sautées : Demande DDFIP faite, Contrat commerçant reçu/,
    );
  });

  it('refreshing twice gives the same sheets, and the coordinator\u2019s comments survive', () => {
    const world = worldWith([PUBLIC, PRIVATE]);
    const sheet = world.spreadsheet.requireSheet('Suivi');
    const commentColumn = TRACKING_SHEET.columns.findIndex((c) => c.key === 'comment') + 1;
    sheet.cell(3, commentColumn, true).value = 'Appeler le gestionnaire';
    world.run('refreshTrackingFromMenu');
    const once = (workbookPicture(world.spreadsheet) as { name: string }[]).filter(
      (s) => s.name !== 'Journal',
    );
    world.run('refreshTrackingFromMenu');
    const twice = (workbookPicture(world.spreadsheet) as { name: string }[]).filter(
      (s) => s.name !== 'Journal',
    );
    expect(twice).toEqual(once);
    expect(sheet.value(3, commentColumn)).toBe('Appeler le gestionnaire');
  });

  it('writes only the Suivi cells that change: formulas in unchanged cells of its own columns stay', () => {
    const world = worldWith([PUBLIC, PRIVATE]);
    const sheet = world.spreadsheet.requireSheet('Suivi');
    const { positions } = matchHeaders(TRACKING_SHEET, sheet.values()[0]);
    // A formula giving the value the tool computed, in every text cell of the columns it rewrites.
    const keys = ['name', 'provider', 'wave', 'status', 'nextAction', 'actor', 'subscription'];
    const formulas: [number, number, string][] = [];
    for (let row = 2; row <= sheet.lastRow(); row++) {
      for (const key of keys) {
        const column = positions.get(key) as number;
        const value = sheet.value(row, column);
        if (typeof value !== 'string' || value === '') continue;
        const formula = `="${value.replace(/"/g, '""')}"`;
        sheet.cell(row, column, true).formula = formula;
        formulas.push([row, column, formula]);
      }
    }
    const kept = () => formulas.filter(([r, c, f]) => sheet.cell(r, c)?.formula === f).length;
    const again = world.run('refreshTrackingFromMenu').execution;
    expect(again.costs.get('Suivi › Range.setValues')).toBeUndefined();
    expect(kept()).toBe(formulas.length);

    // Weeks later, rows fall late: their status is written, the identity cells keep their formulas.
    world.clock.set(new Date('2026-04-30T09:00:00+02:00'));
    world.run('refreshTrackingFromMenu');
    const plain = worldWith([PUBLIC, PRIVATE]);
    plain.clock.set(new Date('2026-04-30T09:00:00+02:00'));
    plain.run('refreshTrackingFromMenu');
    expect(trackingRows(world)).toEqual(trackingRows(plain));
    expect(trackingRows(world).filter((r) => r.status === 'En retard').length).toBeGreaterThan(0);
    const identity = formulas.filter(([, c]) =>
      ['name', 'provider', 'wave'].some((k) => positions.get(k) === c),
    );
    expect(identity.length).toBeGreaterThan(0);
    expect(identity.every(([r, c, f]) => sheet.cell(r, c)?.formula === f)).toBe(true);
  });

  it('flags a dropped subscription without deleting its row', () => {
    const world = worldWith([PUBLIC]);
    const members = world.spreadsheet.requireSheet('Adhérents');
    const header = members.values()[0];
    members.cell(2, header.indexOf('TPE (EXM)') + 1, true).value = 0;
    world.run('refreshTrackingFromMenu');
    expect(rowOf(world, '0540015Y|tpe')).toMatchObject({
      subscription: 'Retrait : force majeure à confirmer',
      status: 'Retrait à confirmer',
      actor: 'Coordonnateur',
    });
    expect(trackingRows(world)).toHaveLength(6);
  });

  it('stamps the date and the history when a step is changed by hand (edit trigger)', () => {
    const world = worldWith([PUBLIC]);
    world.clock.set(new Date('2026-03-10T09:00:00+01:00'));
    const run = world.edit('Suivi', 'I5', 'Transmis à Foxit');
    const row = rowOf(world, '0540015Y|pdf');
    expect(row.step).toBe('Transmis à Foxit');
    expect((row.stepDate as Date).toDateString()).toBe(new Date(2026, 2, 10).toDateString());
    expect(String(row.history).split('\n').at(-1)).toBe('10/03/2026 : Transmis à Foxit');
    expect(run?.execution.total).toBeLessThanOrEqual(14);
    const other = world.edit('Adhérents', 'R2', 'note');
    expect(other?.execution.total).toBeLessThanOrEqual(2);
  });

  it('draws the dashboard: matrix, counts, late items and a stacked-bar chart', () => {
    const world = worldWith([PUBLIC, PRIVATE]);
    world.clock.set(new Date('2026-04-30T09:00:00+02:00'));
    const refresh = world.run('refreshTrackingFromMenu').execution;
    const sheet = world.spreadsheet.requireSheet('Tableau de bord');
    // Titles and headers in bold, nothing else; only the bold cells are written (one RangeList).
    const weight = (row: number, column: number) => sheet.cell(row, column)?.fontWeight ?? 'normal';
    const lines = sheet.values();
    const bold = lines.flatMap((_, i) => (weight(i + 1, 1) === 'bold' ? [i + 1] : []));
    expect(bold.map((row) => lines[row - 1][0])).toEqual(
      expect.arrayContaining(['Tableau de bord du groupement', 'En retard (12)', 'UAI']),
    );
    expect(
      lines.every((line, i) => line.every((_, c) => weight(i + 1, c + 1) === weight(i + 1, 1))),
    ).toBe(true);
    expect(weight(2, 1)).toBe('normal');
    const late = lines.findIndex((line) => line[0] === '0570001S') + 1;
    expect(weight(late, 1)).toBe('normal');
    expect(refresh.costs.get('Tableau de bord › RangeList.setFontWeight')?.cells).toBe(
      bold.length * lines[0].length,
    );
    expect(refresh.costs.get('Tableau de bord › Range.setFontWeights')).toBeUndefined();
    const text = sheet
      .values()
      .map((l) => l.join('|'))
      .join('\n');
    expect(text).toContain('Actualisé le 30/04/2026 09:00');
    expect(text).toContain('En retard (12)');
    expect(text).toContain(
      '0570001S|Lycée Les Tilleuls|Automne 2025|Formulaire à envoyer|À transmettre',
    );
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({ type: 'BAR', options: { isStacked: true } });
    // Colours: each service cell of the matrix in its status colour, the late table's delay in
    // red, the rest white; only the coloured cells are written (one RangeList per colour).
    const background = (row: number, column: number) =>
      sheet.cell(row, column)?.background ?? '#ffffff';
    const matrix = lines.findIndex((line) => String(line[0]).startsWith('Adhérents × services'));
    const services = lines[matrix + 1].slice(3).filter((v) => v !== '');
    // Each matrix cell in the colour of its Suivi row's status; « À lancer » (nothing started yet)
    // stays white, so a first refresh, where every row is « À lancer », paints no matrix cell.
    const colours = new Map(Object.values(TRACKING_STATUS).map((s) => [s.label, s.color]));
    const serviceIds = new Map(
      trackingRows(world).map((r) => [`${String(r.uai)}|${String(r.service)}`, r.status]),
    );
    let painted = 0;
    for (let row = matrix + 3; row <= lines.length; row++) {
      expect([1, 2, 3].map((c) => background(row, c))).toEqual(['#ffffff', '#ffffff', '#ffffff']);
      services.forEach((service, i) => {
        const step = String(lines[row - 1][3 + i]);
        if (step === '') return expect(background(row, 4 + i)).toBe('#ffffff');
        const status = String(serviceIds.get(`${String(lines[row - 1][0])}|${String(service)}`));
        expect(background(row, 4 + i)).toBe(colours.get(status));
        if (status === TRACKING_STATUS.todo.label) expect(background(row, 4 + i)).toBe('#ffffff');
        else painted++;
      });
    }
    expect(painted).toBeGreaterThan(0);
    const lateRow = lines.findIndex((line) => line[0] === '0570001S') + 1;
    expect(background(lateRow, 6)).toBe(TRACKING_STATUS.late.color);
    expect(background(lateRow, 5)).toBe('#ffffff');
    expect(refresh.costs.get('Tableau de bord › Range.setBackgrounds')).toBeUndefined();
  });

  it('paints only what has started: a first refresh colours no matrix cell, only the headers', () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    typeRows(
      world,
      sampleMembers(40, 5).map((m) => ({
        ...memberCells(m),
        dsState: 'Accepté',
        convention: 'En attente',
        ...ALL,
      })),
    );
    const refresh = world.run('refreshTrackingFromMenu').execution;
    const statuses = new Set(trackingRows(world).map((r) => r.status));
    expect([...statuses]).toEqual([TRACKING_STATUS.todo.label]);
    const sheet = world.spreadsheet.requireSheet('Tableau de bord');
    const lines = sheet.values();
    const painted: string[] = [];
    lines.forEach((line, r) =>
      line.forEach((_, c) => {
        const colour = sheet.cell(r + 1, c + 1)?.background ?? '#ffffff';
        if (colour !== '#ffffff') painted.push(`${colour} ${String(lines[r][0])}`);
      }),
    );
    // Only header lines (their first cell is a header title) carry a colour.
    const headerTitles = ['Service', 'Vague', 'UAI'];
    expect(painted.length).toBeGreaterThan(0);
    expect(painted.every((p) => headerTitles.includes(p.split(' ').slice(1).join(' ')))).toBe(true);
    expect(refresh.costs.get('Tableau de bord › RangeList.setBackground')?.cells).toBe(
      painted.length,
    );
  });

  it('refreshes 50 and 5,000 members \u00d7 5 services in the same number of calls', () => {
    const calls = [50, 5000].map((count) => {
      const world = newWorld();
      world.run('initializeWorkbookFromMenu');
      typeRows(
        world,
        sampleMembers(count, 11).map((m) => ({
          ...memberCells(m),
          dsState: 'Accepté',
          qty_vote: 1,
          qty_tpe: 1,
          qty_pdf: 1,
          qty_rgs: 1,
          qty_signature: 1,
        })),
      );
      world.run('refreshTrackingFromMenu');
      return world.run('refreshTrackingFromMenu').execution;
    });
    expect(calls[1].total).toBe(calls[0].total);
  });
});
