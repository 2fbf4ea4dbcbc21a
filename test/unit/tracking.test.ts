import { PATHS, pathOf } from '../../src/core/catalogue';
import { resolveSettings } from '../../src/core/settings';
import {
  computeRow,
  planTracking,
  recordStep,
  StepError,
  stepsFor,
  type TrackingMember,
} from '../../src/core/tracking';

const { settings } = resolveSettings(new Map());
const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);

const member: TrackingMember = {
  uai: '0540015Y',
  dossier: '18500001',
  name: 'Lycée A',
  status: 'Public',
  wave: 'Automne 2025',
  services: ['convention', 'tpe', 'pdf'],
  conventionSigned: false,
};

describe('activation catalogue', () => {
  it('has a path for the convention and each of the five services, ending active', () => {
    expect(PATHS.map((p) => p.service)).toEqual([
      'convention',
      'vote',
      'tpe',
      'pdf',
      'rgs',
      'signature',
    ]);
    for (const path of PATHS) {
      for (const status of ['Public', 'Privé'] as const) {
        const steps = path.steps(status);
        expect(steps.length).toBeGreaterThanOrEqual(3);
        expect(steps.slice(0, -1).every((s) => s.delay !== undefined)).toBe(true);
        for (const step of steps) expect(step.next(settings.text).length).toBeGreaterThan(10);
      }
    }
  });

  it('gives TPE a DDFIP path for public schools and a direct contact for private ones', () => {
    const s = settings.text;
    // No coordinator transmission in the guide: the school acts first.
    expect(stepsFor('tpe', 'Public').map((x) => x.id)).toEqual([
      'start',
      'ddfip_requested',
      'contract_received',
      'contract_sent',
      'active',
    ]);
    expect(stepsFor('tpe', 'Public')[0].next(s)).toContain(
      'https://cloud.entre-meurthe-et-sanon.fr/index.php/s/PjHTjJj8EP9ZPQb',
    );
    expect(stepsFor('tpe', 'Public')[2].next(s)).toContain('veronique.vezine@exm.fr');
    expect(stepsFor('tpe', 'Privé').map((x) => x.id)).toEqual([
      'start',
      'provider_contacted',
      'active',
    ]);
    expect(stepsFor('tpe', 'Privé')[0].next(s)).toMatch(/contacter directement EXM/);
  });

  it('carries the guide\u2019s facts in the next actions', () => {
    const s = settings.text;
    const text = PATHS.flatMap((p) => p.steps('Public').map((x) => x.next(s))).join('\n');
    expect(text).toContain('le premier mail est EN ANGLAIS');
    expect(text).toContain('« marché groupement LDMEMS »');
    expect(text).toContain('72 heures');
    expect(text).toContain('mot de passe oublié');
    expect(text).toContain('Un deuxième compte se demande au groupement');
    expect(text).toContain('chargé de projet');
    expect(text).toContain(
      'https://yousign.app/workflows/forms/1553891f-835a-461a-afe8-a37335d5c305',
    );
    expect(pathOf('rgs').steps('Public')[1].delay).toBe('certigna.delaiHeures');
  });
});

describe('tracking rows', () => {
  const cells = (step: string, stepDate: Date, extra: Record<string, string> = {}) => ({
    key: '0570001X|pdf',
    uai: '0570001X',
    schoolStatus: 'Public',
    step,
    stepDate,
    subscription: 'Recensé',
    ...extra,
  });

  it('computes status, actor and lateness in working days', () => {
    const transmitted = cells('Transmis à Foxit', d(2026, 3, 2));
    expect(computeRow(transmitted, settings, d(2026, 3, 16))).toMatchObject({
      status: 'in_progress',
      actor: 'Prestataire',
      lateDays: '',
    });
    expect(computeRow(transmitted, settings, d(2026, 3, 18))).toMatchObject({
      status: 'late',
      lateDays: 2,
    });
    expect(
      computeRow(cells('Licences attribuées', d(2026, 1, 1)), settings, d(2026, 3, 18)),
    ).toMatchObject({ status: 'active', lateDays: '' });
    expect(
      computeRow(cells('À transmettre', d(2026, 3, 2)), settings, d(2026, 3, 3)),
    ).toMatchObject({ status: 'todo', actor: 'Coordonnateur' });
    expect(computeRow(cells('Inventée', d(2026, 3, 2)), settings, d(2026, 3, 3)).status).toBe(
      'invalid',
    );
    expect(
      computeRow(
        cells('Transmis à Foxit', d(2026, 1, 1), { subscription: 'Retiré du recensement' }),
        settings,
        d(2026, 3, 3),
      ).status,
    ).toBe('dropped');
  });

  it('counts Certigna\u2019s 72 hours as 3 working days', () => {
    const order = {
      key: '0540015Y|rgs',
      uai: '0540015Y',
      schoolStatus: 'Public',
      step: 'Bon de commande envoyé',
      stepDate: d(2026, 3, 2),
      subscription: 'Recensé',
    };
    expect(computeRow(order, settings, d(2026, 3, 5)).status).toBe('in_progress');
    expect(computeRow(order, settings, d(2026, 3, 6))).toMatchObject({
      status: 'late',
      lateDays: 1,
    });
  });

  it('creates one row per subscribed service and the convention, and flags dropped ones', () => {
    const first = planTracking([member], [], d(2026, 3, 2));
    expect(first.appends.map((r) => [r.key, r.step])).toEqual([
      ['0540015Y|convention', 'Formulaire à envoyer'],
      ['0540015Y|tpe', 'Demande DDFIP à faire'],
      ['0540015Y|pdf', 'À transmettre'],
    ]);
    const existing = first.appends.map((cells, i) => ({ row: i + 2, cells }));
    const second = planTracking(
      [{ ...member, services: ['convention', 'pdf'] }],
      existing,
      d(2026, 3, 3),
    );
    expect(second.appends).toEqual([]);
    expect(second.dropped).toBe(1);
    expect(second.identity.map((r) => r.subscription)).toEqual([
      'Recensé',
      'Retrait : force majeure à confirmer',
      'Recensé',
    ]);
  });

  it('records steps forward, notes skipped ones, and refuses going back or unknown steps', () => {
    const row = {
      key: '0540015Y|tpe',
      schoolStatus: 'Public',
      step: 'Transmis à EXM',
      history: '02/03/2026 : Transmis à EXM',
    };
    const forward = recordStep(row, 'contract_received', d(2026, 3, 20));
    expect(forward.step).toBe('Contrat commerçant reçu');
    expect(forward.skipped).toEqual(['Demande DDFIP faite']);
    expect(forward.history).toBe(
      '02/03/2026 : Transmis à EXM\n20/03/2026 : Contrat commerçant reçu (étapes sautées : Demande DDFIP faite)',
    );
    expect(() =>
      recordStep({ ...row, step: 'Contrat envoyé à EXM' }, 'ddfip_requested', d(2026, 3, 20)),
    ).toThrow(StepError);
    expect(() => recordStep(row, 'provider_contacted', d(2026, 3, 20))).toThrow(
      /n’existe pas pour TPE \(Public\)/,
    );
  });
});
