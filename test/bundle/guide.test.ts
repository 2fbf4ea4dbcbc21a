// The deployment guide's rules where schools, providers and the coordinator meet them (issue 18):
// who transmits, what the Suivi shows, what the mails say.

import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import { setSettings } from '../../tools/sample/workbook';
import { baseModel, ledger, setCell, trackingRows, worldOn } from '../helpers/mail';
import { fr } from '../helpers/french';

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
    expect(digest?.body).toContain(fr('Collège numéro 1 : « En construction »'));
    expect(digest?.body).toContain(fr('Collège numéro 2 : « En instruction »'));
    expect(digest?.body).not.toMatch(/Collège numéro 0\s:/);
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
    expect(digest?.body).toContain(
      fr('Collège numéro 1, Logiciel PDF : retrait : force majeure à confirmer'),
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
      fr('« Bon de commande envoyé » le 06/03/2026 ; les 72 heures ont pris fin le 09/03/2026.'),
    );
  });
});

describe('what schools and providers read', () => {
  const world = worldOn(
    baseModel(2, (i) => ({ qty_pdf: i === 0 ? 1 : 3, qty_tpe: 2, status: 'Public' })),
  );
  world.open();
  world.ui.answer('YES');
  world.clickMenu('Transmettre aux prestataires');
  for (const service of ['convention', 'pdf', 'tpe']) {
    world.ui.answer('YES');
    world.run('startInstructions', [{ service }]);
  }
  const mail = (subject: RegExp) => {
    const found = world.outbox.find((m) => subject.test(m.subject));
    if (!found) throw new Error(`no mail ${subject}`);
    return found;
  };

  it('gives commercial questions to the coordinator and technical assistance to the provider', () => {
    const pdf = mail(/logiciel PDF \(Foxit\)/);
    expect(pdf.body).toMatch(/Questions commerciales.*coordonnateur du groupement/);
    expect(pdf.body).toMatch(/délai moyen de réponse est de 7 jours \(c’est une moyenne\)/);
    expect(pdf.body).toMatch(/Assistance technique, pour la mise en service .*: Foxit\./);
    const tpe = mail(/terminaux de paiement/);
    expect(tpe.body).toMatch(
      /Assistance technique.*: EXM, veronique\.vezine@exm\.fr \(04 72 69 06 84\)/,
    );
    expect(tpe.htmlBody).toContain('Assistance technique');
    // The convention is the groupement's own: no provider's assistance there.
    expect(mail(/convention/).body).not.toMatch(/Assistance technique/);
    expect(pdf.body).not.toMatch(/Pour toute question, écrivez/);
  });

  it('states the first-year tolerance, the signatories and what the phone number is for', () => {
    const convention = mail(/convention/).body;
    expect(convention).toMatch(/première année.*tolérance est accordée pour la signature/s);
    expect(convention).toContain('ce numéro sert uniquement à la signature électronique');
    expect(convention).toContain(
      'signée en ligne par le chef d’établissement adhérent et par le chef d’établissement support',
    );
    expect(convention).not.toMatch(/usage unique|signée par vous/);
    const help = JSON.stringify(world.run('getHelpContent').value);
    expect(help).toMatch(
      /Première année.*tolérance est accordée pour la signature de la convention/,
    );
    expect(help).toContain('ce numéro sert uniquement à la signature électronique');
    expect(help).not.toContain('usage unique');
  });

  it('gives providers units and agreed numbers', () => {
    const foxit = mail(/soumissionnement Foxit/);
    expect(foxit.subject).toMatch(/: 2 établissements$/);
    expect(foxit.body).toMatch(/: 1 licence, adresse/);
    expect(foxit.body).toMatch(/: 3 licences, adresse/);
    expect(foxit.htmlBody).toContain('Quantité (licences)');
  });
});

describe('what the tool cannot know, and its own defaults', () => {
  it('reminders do not assert, Foxit’s does not ask for a confirmation, defaults say they are the tool’s', () => {
    const world = worldOn(baseModel(1));
    const templates = world.spreadsheet.requireSheet('Modèles').values();
    const body = (id: string) => String(templates.find((r) => r[0] === id)?.[4] ?? '');
    for (const id of ['relance-tpe-ddfip', 'relance-certigna-bc', 'relance-convention']) {
      expect([id, body(id)]).toEqual([id, expect.stringMatching(/[Ss]i ce n’est pas déjà fait/)]);
    }
    expect(body('relance-tpe-contrat')).toMatch(/^Bonjour,\n\nSi vous avez reçu/);
    expect(body('relance-foxit')).not.toMatch(/confirme/);
    const settings = world.spreadsheet.requireSheet('Paramètres').values();
    const description = (label: string) =>
      String(settings.find((r) => String(r[1]).startsWith(label))?.join(' ') ?? '');
    for (const label of [
      'Délai du coordonnateur',
      'Délai des prestataires',
      'Délai des adhérents',
      'Délai de la DDFIP',
    ]) {
      expect([label, description(label)]).toEqual([
        label,
        expect.stringContaining('Valeur par défaut de l’outil'),
      ]);
    }
    expect(description('Délai moyen de réponse')).toContain('c’est une moyenne');
    expect(description('UAI de l’établissement support')).not.toContain(
      'conventions au nom de tous',
    );
    const steps = JSON.stringify(trackingRows(world));
    expect(steps).not.toMatch(/identité/i);
  });
});

describe('one mail a day per member and service', () => {
  // A public school accepted long ago, still at « Demande DDFIP à faire »: its TPE reminder is due.
  const model = baseModel(1, () => ({ qty_tpe: 1, status: 'Public' }));
  const tpe = (r: Record<string, unknown>) => String(r.key).endsWith('|tpe');
  setCell(model.requireSheet('Suivi'), TRACKING_SHEET, tpe, 'stepDate', new Date(2026, 0, 5));
  const toSchool = (world: { outbox: { to: string[]; subject: string }[] }) =>
    world.outbox.filter((m) => m.to[0].startsWith('ce.')).map((m) => m.subject);

  it('holds the reminder until the next day when the instructions went out the same day', () => {
    const monday = worldOn(model);
    monday.open();
    monday.ui.answer('YES');
    monday.run('startInstructions', [{ service: 'tpe' }]);
    monday.run('dailyReminders');
    expect(toSchool(monday)).toEqual([expect.stringMatching(/^Groupement d’achats\s: terminaux/)]);
    const digest = monday.outbox.find((m) => m.subject.includes('récapitulatif'));
    expect(digest?.body).toMatch(/un seul message par jour et par service\s: la relance attend/);
    const tuesday = worldOn(monday.spreadsheet, { now: new Date('2026-03-03T08:00:00+01:00') });
    tuesday.run('dailyReminders');
    expect(toSchool(tuesday)).toEqual([expect.stringMatching(/^Rappel\s: demande de contrat/)]);
  });

  it('holds the instructions when the day’s reminder already went out, and says so', () => {
    const monday = worldOn(model);
    monday.run('dailyReminders');
    expect(toSchool(monday)).toEqual([expect.stringMatching(/^Rappel\s: demande de contrat/)]);
    monday.open();
    monday.ui.answer('YES');
    expect(() => monday.run('startInstructions', [{ service: 'tpe' }])).toThrow(
      /une relance sur « TPE » lui est déjà partie aujourd’hui/,
    );
    expect(toSchool(monday)).toHaveLength(1);
  });
});
