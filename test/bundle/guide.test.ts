// The deployment guide's rules where schools, providers and the coordinator meet them (issue 18):
// who transmits, what the Suivi shows, what the mails say.

import { MEMBERS_SHEET } from '../../src/core/sheets';
import { TRACKING_SHEET } from '../../src/core/tracking';
import { setSettings } from '../../tools/sample/workbook';
import { baseModel, ledger, setCell, trackingRows, worldOn } from '../helpers/mail';

describe('activation paths of the guide', () => {
  it('transmits to Kercia, Foxit and Yousign only; TPE and Certigna start at the school’s own step', () => {
    const world = worldOn(
      baseModel(2, (i) => ({
        qty_tpe: 1,
        qty_rgs: 2,
        qty_signature: 1,
        status: i === 0 ? 'Public' : 'Privé sous contrat',
      })),
    );
    world.open();
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    expect(world.outbox.map((m) => m.to[0]).sort()).toEqual([
      'education@foxit.example',
      'marches-publics@yousign.example',
      'soumissionnement@kercia.example',
    ]);
    const rows = trackingRows(world);
    const stepOf = (key: string) => rows.find((r) => String(r.key).endsWith(key))?.step;
    expect(rows.filter((r) => String(r.key).endsWith('|rgs')).map((r) => r.step)).toEqual([
      'Bon de commande à envoyer',
      'Bon de commande à envoyer',
    ]);
    expect(rows.filter((r) => String(r.key).endsWith('|tpe')).map((r) => r.actor)).toEqual([
      'Établissement',
      'Établissement',
    ]);
    expect(stepOf('|tpe')).toBe('Demande DDFIP à faire');
    expect(
      rows.find((r) => r.schoolStatus === 'Privé' && String(r.key).endsWith('|tpe'))?.step,
    ).toBe('EXM à contacter');
  });

  it('sends TPE and Certigna instructions to accepted members without any transmission', () => {
    const world = worldOn(
      baseModel(2, (i) => ({ qty_tpe: 1, qty_rgs: 1, status: i === 0 ? 'Public' : 'Privé' })),
    );
    world.open();
    world.ui.answer('YES');
    world.run('startInstructions', [{ service: 'tpe', step: 'start' }]);
    world.run('startInstructions', [{ service: 'rgs', step: 'start' }]);
    const subjects = world.outbox.map((m) => m.subject);
    expect(subjects.filter((s) => s.includes('terminaux de paiement'))).toHaveLength(2);
    expect(subjects.filter((s) => s.includes('certificats RGS'))).toHaveLength(2);
    expect(world.outbox.some((m) => /certigna|exm/i.test(m.to[0]))).toBe(false);
    expect(ledger(world).every((r) => !String(r.id).startsWith('transmission:'))).toBe(true);
  });

  it('sends the EXM list only when the coordinator turns on that optional setting', () => {
    const model = baseModel(2, () => ({ qty_tpe: 1 }));
    setSettings(model, { 'transmission.exmListe': 'Oui', 'transmission.exm': 'liste@exm.example' });
    const world = worldOn(model);
    world.open();
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    const exm = world.outbox.find((m) => m.to[0] === 'liste@exm.example');
    expect(exm?.subject).toContain('pour information');
    // The list moves no school: each still has to ask the DDFIP.
    expect(
      trackingRows(world)
        .filter((r) => String(r.key).endsWith('|tpe'))
        .map((r) => r.step),
    ).toEqual(['Demande DDFIP à faire', 'Demande DDFIP à faire']);
  });
});

describe('the convention row follows the members sheet', () => {
  it('never shows a handwritten convention as signed, and follows « Signée en ligne » on refresh', () => {
    const model = baseModel(3, (i) => ({
      convention: ['Manuscrite', '', 'Signée en ligne'][i],
    }));
    const world = worldOn(model);
    const suivi = world.spreadsheet.requireSheet('Suivi');
    const members = world.spreadsheet.requireSheet('Adhérents');
    const conventionRow = (uai: string) =>
      trackingRows(world).find((r) => r.key === `${uai}|convention`) as Record<string, unknown>;
    const [handwritten, unsigned, signed] = [0, 1, 2].map((i) =>
      String(trackingRows(world).filter((r) => String(r.key).endsWith('|convention'))[i].uai),
    );
    // The sample's progress (or a hand edit) put the two unsigned conventions at the last step.
    setCell(
      suivi,
      TRACKING_SHEET,
      (r) => r.key === `${handwritten}|convention` || r.key === `${unsigned}|convention`,
      'step',
      'Signée par les deux parties',
    );
    setCell(members, MEMBERS_SHEET, (r) => r.uai === signed, 'convention', 'Manuscrite');
    setCell(members, MEMBERS_SHEET, (r) => r.uai === unsigned, 'convention', 'Signée en ligne');
    world.run('refreshTrackingFromMenu');
    expect(conventionRow(handwritten)).toMatchObject({
      step: 'Formulaire à envoyer',
      status: expect.not.stringMatching(/Actif/),
    });
    expect(String(conventionRow(handwritten).history)).toMatch(/manuscrite, non prise en compte/);
    expect(conventionRow(signed)).toMatchObject({ step: 'Formulaire à envoyer' });
    expect(conventionRow(signed).status).not.toBe('Actif');
    expect(conventionRow(unsigned)).toMatchObject({
      step: 'Signée par les deux parties',
      status: 'Actif',
    });
  });
});

describe('what commits a school', () => {
  it('lists every submitted dossier not yet accepted in the coordinator’s digest', () => {
    const world = worldOn(
      baseModel(3, (i) => ({
        dsState: ['Accepté', 'En construction', 'En instruction'][i],
        depositDate: new Date(2026, 1, 27),
      })),
    );
    world.run('dailyReminders');
    const digest = world.outbox.find((m) => m.subject.includes('récapitulatif'));
    expect(digest?.body).toContain('pas encore en instruction');
    expect(digest?.body).toMatch(/Collège numéro 1 : « En construction »/);
    expect(digest?.body).toMatch(/Collège numéro 2 : « En instruction »/);
    expect(digest?.body).not.toMatch(/Collège numéro 0 :/);
    const note = MEMBERS_SHEET.columns.find((c) => c.key === 'dsState')?.note;
    expect(note).toContain("engage l'établissement");
    expect(note).not.toMatch(/Seul « Accepté » engage/);
  });
});

describe('Foxit’s spring date', () => {
  it('tells only spring-wave members, with the year', () => {
    const world = worldOn(baseModel(2, (i) => ({ wave: ['Printemps 2025', 'Automne 2025'][i] })));
    world.open();
    world.ui.answer('YES');
    world.run('startInstructions', [{ service: 'pdf' }]);
    const spring = world.outbox.find((m) => m.subject.includes('Collège numéro 0'));
    const autumn = world.outbox.find((m) => m.subject.includes('Collège numéro 1'));
    expect(spring?.body).toContain('le mail Foxit date du 28 ou 29 août 2025');
    expect(autumn?.body).not.toMatch(/28 ou 29 août|printemps/);
    expect(autumn?.htmlBody).not.toMatch(/<p>\s*<\/p>/);
  });
});

describe('force majeure', () => {
  it('flags a dropped service to the coordinator as a decision, in the Suivi and the digest', () => {
    const world = worldOn(baseModel(2));
    setCell(
      world.spreadsheet.requireSheet('Adhérents'),
      MEMBERS_SHEET,
      (r) => r.name === 'Collège numéro 1',
      'dsState',
      'Classé sans suite',
    );
    world.run('refreshTrackingFromMenu');
    const pdf = trackingRows(world).find(
      (r) => r.name === 'Collège numéro 1' && String(r.key).endsWith('|pdf'),
    );
    expect(pdf).toMatchObject({
      subscription: 'Retrait : force majeure à confirmer',
      actor: 'Coordonnateur',
    });
    world.run('dailyReminders');
    const digest = world.outbox.find((m) => m.subject.includes('récapitulatif'));
    expect(digest?.body).toMatch(/Retraits à décider/);
    expect(digest?.body).toMatch(
      /Collège numéro 1, Logiciel PDF : retrait : force majeure à confirmer/,
    );
    expect(JSON.stringify(world.spreadsheet.requireSheet('Adhérents').values())).not.toMatch(
      /exclu du groupement/,
    );
  });
});

describe('Certigna’s 72 hours', () => {
  // Order sent on Friday 6 March 2026: 72 hours end on Monday 9 March (3 working days would be
  // Wednesday 11 March).
  const model = baseModel(1, () => ({ qty_rgs: 1 }));
  const rgs = (r: Record<string, unknown>) => String(r.key).endsWith('|rgs');
  setCell(model.requireSheet('Suivi'), TRACKING_SHEET, rgs, 'step', 'Bon de commande envoyé');
  setCell(model.requireSheet('Suivi'), TRACKING_SHEET, rgs, 'stepDate', new Date(2026, 2, 6));
  const on = (iso: string) => {
    const world = worldOn(model, { now: new Date(`${iso}T08:00:00+01:00`) });
    world.run('refreshTrackingFromMenu');
    world.run('dailyReminders');
    const digest = world.outbox.find((m) => m.subject.includes('récapitulatif'));
    return { row: trackingRows(world).find(rgs), digest: digest?.body ?? '' };
  };

  it('are hours: not late on the day they end, late the next day, and the digest says when they ended', () => {
    const monday = on('2026-03-09');
    expect(monday.row?.lateDays).toBe('');
    expect(monday.digest).not.toMatch(/72 heures ont pris fin/);
    const tuesday = on('2026-03-10');
    expect(tuesday.row?.lateDays).toBe(1);
    expect(tuesday.row?.status).toMatch(/retard/i);
    expect(tuesday.digest).toContain(
      '« Bon de commande envoyé » le 06/03/2026 ; les 72 heures ont pris fin le 09/03/2026.',
    );
  });
});
