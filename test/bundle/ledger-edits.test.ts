// Adversarial read of an « Envois » ledger written by an earlier version and then edited by the
// coordinator: statuses typed in other case or without accents, a row pasted twice, resends.

import { MAIL_STATUS } from '../../src/core/ledger';
import type { CellValue } from '../../tools/emulator';
import { baseModel, ledger, trackingRows, withLedger, worldOn } from '../helpers/mail';

const [U0, U1, U2] = ['0541000U', '0541001V', '0541002W'];
const at = new Date('2026-02-27T10:00:00+01:00');
const row = (id: string, uai: string, status: string, effect = ''): CellValue[] => [
  id,
  'Campagne',
  uai,
  `ce.${uai.toLowerCase()}@ac-nancy-metz.fr`,
  '',
  'Objet',
  '',
  status,
  at,
  '',
  effect,
];

describe('an earlier ledger edited by the coordinator', () => {
  it('applies each sent effect once, whatever the case of the status, even on a pasted row', () => {
    const rows = [
      row(`instructions:adherent-convention:${U0}:convention:to_send`, U0, 'ENVOYE'),
      row(`relance:convention:${U1}:convention:2026-02-27`, U1, 'Envoyé '),
      row(`relance:convention:${U2}:convention:2026-02-27`, U2, 'envoyé'),
      row(`relance:convention:${U2}:convention:2026-02-27`, U2, 'envoyé'),
    ];
    const world = worldOn(
      withLedger(
        baseModel(3, () => ({ convention: 'En attente', signatureDate: '' })),
        rows,
      ),
    );
    const before = trackingRows(world).find((r) => r.key === `${U0}|convention`)?.step;
    world.run('resumeMergeFromMenu');
    world.run('resumeMergeFromMenu');
    const suivi = (uai: string) => trackingRows(world).find((r) => r.key === `${uai}|convention`);
    expect(before).toBe('Formulaire à envoyer');
    expect(suivi(U0)?.step).toBe('Formulaire envoyé');
    expect(String(suivi(U0)?.history).match(/Formulaire envoyé/g)).toHaveLength(1);
    expect([suivi(U1)?.reminderCount, suivi(U2)?.reminderCount]).toEqual([1, 1]);
    expect(world.outbox).toHaveLength(0);
    expect(ledger(world).map((r) => r.effect)).toEqual(['oui', 'oui', '', '']);
  });

  it('numbers a resend after the earlier ones and sends it once', () => {
    const base = `instructions:adherent-pdf:${U0}:pdf:to_transmit`;
    const rows = [row(base, U0, MAIL_STATUS.sent), row(`${base}:renvoi-1`, U0, 'Envoyé')];
    const model = withLedger(baseModel(1), rows);
    const world = worldOn(model);
    world.run('startInstructions', [{ service: 'pdf' }]);
    expect(world.outbox).toHaveLength(0);
    world.run('startInstructions', [{ service: 'pdf', resend: true }]);
    world.run('startInstructions', [{ service: 'pdf', resend: true }]);
    expect(ledger(world).map((r) => r.id)).toEqual([
      base,
      `${base}:renvoi-1`,
      `${base}:renvoi-2`,
      `${base}:renvoi-3`,
    ]);
    expect(world.outbox).toHaveLength(2);
  });
});
