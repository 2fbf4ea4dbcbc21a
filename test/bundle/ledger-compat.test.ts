// An « Envois » ledger as the coordinator's workbooks hold it today, written by hand with today's
// headers and values (rows of every kind, sorted by the coordinator): the tool reads it as it is,
// with no repair, and never resends a message, never lists a transmitted school again, never loses
// a status.

import { MAIL_STATUS } from '../../src/core/ledger';
import type { CellValue } from '../../tools/emulator';
import { fr } from '../helpers/french';
import { baseModel, ledger, trackingRows, withLedger, worldOn } from '../helpers/mail';

const [U0, U1, U2, U3] = ['0541000U', '0541001V', '0541002W', '0541003X'];
const FOXIT = 'education@foxit.example';
const KERCIA = 'soumissionnement@kercia.example';
const COORDINATOR = 'coordination@groupement.example';

const at = new Date('2026-02-27T10:00:00+01:00');

/** Today's rows, one per kind and status, in the order a sort by « Pour » left them. */
const ROWS: CellValue[][] = [
  [
    `relance:convention:${U1}:convention:2026-02-27`,
    'Relances 27/02/2026',
    U1,
    `ce.${U1.toLowerCase()}@ac-nancy-metz.fr`,
    '',
    'Rappel : convention à signer en ligne',
    '',
    MAIL_STATUS.error,
    at,
    'Invalid email',
    '',
  ],
  [
    `instructions:adherent-pdf:${U0}:pdf:transmitted`,
    'Instructions Logiciel PDF 27/02/2026',
    U0,
    `ce.${U0.toLowerCase()}@ac-nancy-metz.fr`,
    '',
    'Groupement d’achats : logiciel PDF (Foxit)',
    '',
    MAIL_STATUS.sent,
    at,
    '',
    '',
  ],
  [
    'recapitulatif:2026-03-01',
    'Relances 01/03/2026',
    'coordonnateur',
    COORDINATOR,
    '',
    'Groupement d’achats – récapitulatif du 01/03/2026',
    'Relance « convention » : le modèle est introuvable.\nDeuxième note du jour.',
    MAIL_STATUS.planned,
    at,
    '',
    '',
  ],
  [
    'transmission:pdf:c55898f6',
    'Transmission 27/02/2026',
    'Foxit',
    FOXIT,
    '',
    'Groupement d’achats – soumissionnement Foxit : 1 établissement',
    U2,
    MAIL_STATUS.planned,
    at,
    '',
    '',
  ],
  [
    'transmission:pdf:8e22c7b9',
    'Transmission 27/02/2026',
    'Foxit',
    FOXIT,
    '',
    'Groupement d’achats – soumissionnement Foxit : 2 établissements',
    `${U0}, ${U1}`,
    MAIL_STATUS.sent,
    at,
    '',
    '', // sent, its effect on the Suivi not applied yet (the run stopped just after)
  ],
  [
    'transmission:vote:d752a51e',
    'Transmission 27/02/2026',
    'Kercia',
    KERCIA,
    '',
    'Groupement d’achats – soumissionnement Kercia : 1 établissement',
    U0,
    MAIL_STATUS.check,
    at,
    'Envoi interrompu pendant l’envoi de ce message',
    '',
  ],
  [
    'test-transmission:vote:132aa1e1',
    'Transmission 27/02/2026',
    'Kercia',
    COORDINATOR,
    '',
    '[TEST] Groupement d’achats – soumissionnement Kercia : 2 établissements',
    `${U1}, ${U2}`,
    MAIL_STATUS.sent,
    at,
    '',
    '',
  ],
];

/** Every (provider address, UAI) pair in the transmissions that left. */
function transmitted(world: ReturnType<typeof worldOn>): string[] {
  return world.outbox
    .filter((m) => m.subject.includes('soumissionnement'))
    .flatMap((m) => {
      const csv = Buffer.from(m.attachments[0].bytes).toString('utf8');
      return [...csv.matchAll(/\b(05\d{5}[A-Z])\b/g)].map((u) => `${m.to[0]}|${u[1]}`);
    })
    .sort();
}

describe('an « Envois » ledger in today’s layout', () => {
  it('is read as it is: nothing resent, no school listed twice, every status kept', () => {
    const world = worldOn(withLedger(baseModel(4), ROWS));
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    // Foxit: U2 (planned, sent now) and U3 (new); never U0 or U1 again. Kercia: U0 is in doubt,
    // never listed again; the test-mode row stands for nothing, so U1 and U2 are listed for real.
    expect(transmitted(world)).toEqual(
      [
        `${FOXIT}|${U2}`,
        `${FOXIT}|${U3}`,
        `${KERCIA}|${U1}`,
        `${KERCIA}|${U2}`,
        `${KERCIA}|${U3}`,
      ].sort(),
    );
    const rows = ledger(world);
    expect(rows).toHaveLength(ROWS.length + 2);
    expect(rows.slice(0, ROWS.length).map((r) => [r.id, r.status])).toEqual(
      ROWS.map((r) => [r[0], r[7] === MAIL_STATUS.planned ? MAIL_STATUS.sent : r[7]]),
    );
    expect(rows.slice(ROWS.length).map((r) => [r.memberKey, r.content, r.status])).toEqual([
      ['Kercia', `${U1}, ${U2}, ${U3}`, MAIL_STATUS.sent],
      ['Foxit', U3, MAIL_STATUS.sent],
    ]);
    // The transmission sent before moved its schools on; the one in doubt moved none.
    const step = (uai: string, service: string) =>
      trackingRows(world).find((r) => r.key === `${uai}|${service}`)?.step;
    expect([U0, U1, U2, U3].map((u) => step(u, 'pdf'))).toEqual(Array(4).fill('Transmis à Foxit'));
    expect([U0, U1, U2, U3].map((u) => step(u, 'vote'))).toEqual([
      'À transmettre',
      'Transmis à Kercia',
      'Transmis à Kercia',
      'Transmis à Kercia',
    ]);
    // The digest held over since 1 March leaves with the notes it was planned with.
    const digest = world.outbox.find((m) => m.to[0] === COORDINATOR);
    expect(digest?.subject).toContain('récapitulatif du 01/03/2026');
    expect(digest?.body).toContain('Deuxième note du jour.');
    expect(digest?.body).toContain(fr(`${U1} : relance du 27/02/2026 « erreur »`));

    const sent = world.outbox.length;
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    world.run('resumeMergeFromMenu');
    expect(world.outbox).toHaveLength(sent);
    // The instructions U0 already received do not go again; the others do, once.
    world.run('startInstructions', [{ service: 'pdf' }]);
    expect(world.outbox.slice(sent).map((m) => m.to[0].slice(3, 11).toUpperCase())).toEqual([
      U1,
      U2,
      U3,
    ]);
  });

  it('a reminder whose identity lost its day by hand stops nothing and counts nothing', () => {
    const cut = [
      `relance:convention:${U0}:convention`,
      'Relances 27/02/2026',
      U0,
      `ce.${U0.toLowerCase()}@ac-nancy-metz.fr`,
      '',
      'Rappel : convention à signer en ligne',
      '',
      MAIL_STATUS.sent,
      at,
      '',
      '',
    ];
    const world = worldOn(withLedger(baseModel(2), [cut]));
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    expect(transmitted(world)).toEqual(
      [`${KERCIA}|${U0}`, `${KERCIA}|${U1}`, `${FOXIT}|${U0}`, `${FOXIT}|${U1}`].sort(),
    );
    const convention = trackingRows(world).find((r) => r.key === `${U0}|convention`);
    expect([convention?.reminderCount, convention?.reminderLast]).toEqual(['', '']);
  });

  it('« Pour » is for the coordinator to read: the digest names the member from the identity', () => {
    const edited = ROWS.map((r) =>
      String(r[0]).startsWith('relance:') ? [r[0], r[1], 'Collège numéro 1', ...r.slice(3)] : r,
    );
    const world = worldOn(withLedger(baseModel(4), edited));
    world.run('resumeMergeFromMenu');
    const digest = world.outbox.find((m) => m.to[0] === COORDINATOR);
    expect(digest?.body).toContain(fr(`${U1} : relance du 27/02/2026 « erreur »`));
  });
});
