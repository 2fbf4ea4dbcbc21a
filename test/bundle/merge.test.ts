// The mail merge through the bundle: transmissions, instructions, quota, time limit, overlapping runs,
// special characters, .eml files, and a kill at every call index that never leads to a second send.

import { simpleParser } from 'mailparser';
import { MAIL_STATUS } from '../../src/core/ledger';
import { LEDGER_SHEET } from '../../src/core/workbook/ledger';
import { matchHeaders } from '../../src/core/schema';
import { ExecutionKilled } from '../../tools/emulator';
import { toEml } from '../../tools/mail/eml';
import { setSettings } from '../../tools/sample/workbook';
import { baseModel, ledger, member, worldOn } from '../helpers/mail';
import { fr } from '../helpers/french';

const PDF = { service: 'pdf' };

describe('transmissions to providers', () => {
  it('asks for confirmation, sends one message per provider with a table and a CSV, and moves the Suivi rows', () => {
    const world = worldOn(baseModel(3, (i) => ({ qty_tpe: i === 0 ? 2 : '' })));
    world.open();
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    const confirm = world.ui.dialogs.find((d) => d.buttons === 'YES_NO');
    expect(confirm?.message).toMatch(
      /^2 messages, 2 destinataires ; quota restant aujourd’hui : 100\./,
    );
    // No list to EXM unless the coordinator turns it on (not part of the guide).
    expect(world.outbox.map((m) => m.to[0])).toEqual([
      'soumissionnement@kercia.example',
      'education@foxit.example',
    ]);
    const foxit = world.outbox[1];
    expect(foxit.subject).toBe(
      fr("Groupement d'achats – soumissionnement Foxit : 3 établissements"),
    );
    expect(foxit.replyTo).toBe('ce.0540015y_ga@ac-nancy-metz.fr');
    expect(foxit.htmlBody).toContain('<table');
    expect(foxit.htmlBody).toContain('Collège numéro 2');
    const csv = Buffer.from(foxit.attachments[0].bytes).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffUAI;Établissement;Commune;Statut;Adresse fonctionnelle;Quantité (licences)',
    );
    expect(csv.split('\r\n')).toHaveLength(5);
    expect(ledger(world).map((r) => r.status)).toEqual([MAIL_STATUS.sent, MAIL_STATUS.sent]);
    expect(ledger(world).map((r) => r.effect)).toEqual(['oui', 'oui']);
    const suivi = world.spreadsheet.requireSheet('Suivi').values();
    expect(suivi.filter((r) => r.includes('Transmis à Foxit'))).toHaveLength(3);
    expect(suivi.filter((r) => r.includes('Demande DDFIP à faire'))).toHaveLength(1);
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    expect(world.ui.lastDialog()?.message).toContain('Aucun nouvel établissement à transmettre.');
    expect(world.outbox).toHaveLength(2);
  });

  it('transmits to the providers whose address is set, and names the one that is missing', () => {
    const model = baseModel(2);
    setSettings(model, { 'transmission.foxit': '' });
    const world = worldOn(model);
    world.open();
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    expect(world.ui.dialogs.map((d) => d.message).join('\n')).toContain(
      'Foxit : 2 établissements à transmettre, mais l’adresse de transmission est vide',
    );
    expect(world.outbox.map((m) => m.to[0])).not.toContain('education@foxit.example');
    expect(world.outbox.length).toBeGreaterThan(0);
  });

  it('sends nothing when the coordinator says no', () => {
    const world = worldOn(baseModel(2));
    world.open();
    world.ui.answer('NO');
    world.clickMenu('Transmettre aux prestataires');
    expect(world.outbox).toHaveLength(0);
    expect(ledger(world)).toHaveLength(0);
  });
});

describe('instructions to members', () => {
  it('previews a message, sends a test to the coordinator, then the campaign', () => {
    const world = worldOn(baseModel(3));
    const { value: preview } = world.run<{
      count: number;
      recipients: number;
      quota: number;
      message: { to: string; subject: string };
    }>('previewInstructions', [PDF, 1]);
    expect(preview).toMatchObject({ count: 3, recipients: 3, quota: 100 });
    expect(preview.message.to).toBe(String(member(1).email));
    expect(world.run('sendInstructionsTest', [PDF, 1]).value).toBe(
      'Message de test envoyé à coordination@groupement.example.',
    );
    expect(world.outbox[0].subject).toMatch(
      /^\[TEST\] Groupement d’achats\s: logiciel PDF \(Foxit\) – Collège numéro 1$/,
    );
    const { value } = world.run<string[]>('startInstructions', [PDF]);
    expect(value[0]).toBe('3 messages envoyés, 0 en erreur, 0 à vérifier.');
    expect(world.outbox.slice(1).map((m) => m.to[0])).toEqual(
      [0, 1, 2].map((i) => member(i).email),
    );
    // The test left as the real messages leave: same sender name, reply-to and body.
    const [test] = world.outbox;
    const real = world.outbox.find((m) => m.to[0] === member(1).email);
    if (!real) throw new Error('no real message to member 1');
    expect([test.name, test.replyTo]).toEqual([real.name, real.replyTo]);
    expect(test.replyTo).not.toBe('');
    expect(test.htmlBody).toBe(real.htmlBody);
    expect(world.outbox[1].htmlBody).toContain(
      fr('<strong>ATTENTION : le premier mail est en anglais</strong>'),
    );
  });

  it('keeps & < > " $& $1, emoji, accents and line breaks intact in both bodies (an apostrophe becomes ’)', () => {
    const name = `Lycée "L'Étoile" & <Fils> $& $1 😀\nSite annexe`;
    const model = baseModel(1, () => ({ name }));
    const templates = model.requireSheet('Modèles');
    const row = templates.values().findIndex((r) => r[0] === 'adherent-pdf') + 1;
    templates.cell(row, 5, true).value = 'Bonjour **{{Établissement}}**,\n\nÀ bientôt.';
    const world = worldOn(model);
    world.run('startInstructions', [PDF]);
    const [mail] = world.outbox;
    expect(mail.subject).toBe(
      fr(
        `Groupement d’achats : logiciel PDF (Foxit) – Lycée "L’Étoile" & <Fils> $& $1 😀 Site annexe`,
      ),
    );
    expect(mail.htmlBody).not.toContain('<Fils>');
    expect(mail.htmlBody).toContain(
      'Lycée &quot;L’Étoile&quot; &amp; &lt;Fils&gt; $&amp; $1 😀<br>Site annexe',
    );
    expect(mail.body).not.toContain('&amp;');
  });

  it('in test mode, sends everything to the coordinator with [TEST]', () => {
    const model = baseModel(2);
    setSettings(model, { 'envois.modeTest': 'Oui' });
    const world = worldOn(model);
    world.run('startInstructions', [PDF]);
    expect(world.outbox.map((m) => [m.to, m.cc, m.subject.startsWith('[TEST] ')])).toEqual([
      [['coordination@groupement.example'], [], true],
      [['coordination@groupement.example'], [], true],
    ]);
  });

  it('stops at an unknown placeholder before anything is sent', () => {
    const model = baseModel(2);
    const templates = model.requireSheet('Modèles');
    const row = templates.values().findIndex((r) => r[0] === 'adherent-pdf') + 1;
    templates.cell(row, 5, true).value = 'Bonjour {{Nom du gestionnaire}}';
    const world = worldOn(model);
    expect(() => world.run('startInstructions', [PDF])).toThrow(
      'champ inconnu {{Nom du gestionnaire}}',
    );
    expect(world.outbox).toHaveLength(0);
    expect(ledger(world)).toHaveLength(0);
  });
});

describe('quota, time limit and overlapping runs', () => {
  it('sends what the quota allows, waits for the next day, then finishes and removes its trigger', () => {
    const world = worldOn(baseModel(30), { mailQuota: 10 });
    const { value } = world.run<string[]>('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(10);
    expect(value.join(' ')).toContain(
      'Quota d’envoi du jour atteint (0 destinataire restant) : 20 messages attendent ; l’outil réessaie chaque heure',
    );
    expect(
      world.triggers.triggers.map((t) => [t.handler, new Date(t.nextAt as number).toISOString()]),
    ).toEqual([['continueMerge', '2026-03-02T08:00:00.000Z']]);
    world.advanceTo(new Date('2026-03-05T12:00:00+01:00'));
    expect(world.outbox).toHaveLength(30);
    expect(new Set(world.outbox.map((m) => m.to[0])).size).toBe(30);
    expect(world.triggers.triggers).toHaveLength(0);
    expect(ledger(world).every((r) => r.status === MAIL_STATUS.sent)).toBe(true);
  });

  it('refuses mid-merge quota errors without losing the message', () => {
    const world = worldOn(baseModel(5), { mailQuota: 100 });
    world.mail.dailyQuota = 3; // the quota changed between the check and the sends
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(3);
    expect(ledger(world).map((r) => r.status)).toEqual([
      'envoyé',
      'envoyé',
      'envoyé',
      'planifié',
      'planifié',
    ]);
  });

  it('stops at about five minutes of run time and continues through a one-off trigger', () => {
    const world = worldOn(baseModel(30), {
      latency: { perCall: { default: 50, MailApp: 20_000 }, perCell: 0 },
    });
    const run = world.run<string[]>('startInstructions', [PDF]);
    expect(run.execution.elapsedMs()).toBeLessThan(6 * 60 * 1000);
    expect(run.execution.elapsedMs()).toBeGreaterThan(4 * 60 * 1000);
    const first = world.outbox.length;
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(30);
    expect(run.value.join(' ')).toContain(
      `${30 - first} messages restants partiront dans une minute.`,
    );
    expect(world.triggers.triggers.map((t) => t.handler)).toEqual(['continueMerge']);
    const fired = world.advanceTo(new Date('2026-03-02T09:00:00+01:00'));
    expect(fired.every((f) => f.error === undefined)).toBe(true);
    expect(world.outbox).toHaveLength(30);
    expect(new Set(world.outbox.map((m) => m.to[0])).size).toBe(30);
    expect(world.triggers.triggers).toHaveLength(0);
  });

  it('keeps two runs from overlapping', () => {
    const world = worldOn(baseModel(3));
    const other = world.execution();
    world.globals(other).LockService.getDocumentLock().tryLock(0);
    expect(() => world.run('startInstructions', [PDF])).toThrow(
      'Un envoi est déjà en cours sur ce classeur',
    );
    expect(world.outbox).toHaveLength(0);
    world.run('continueMerge');
    expect(world.outbox).toHaveLength(0);
    other.end();
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(3);
  });

  it('writes the ledger about once per message', () => {
    const world = worldOn(baseModel(30));
    const { execution } = world.run('startInstructions', [PDF]);
    expect(execution.calls.get('MailApp.sendEmail')).toBe(30);
    expect(execution.calls.get('Range.setValues') ?? 0).toBeLessThanOrEqual(30 + 6);
  });

  it('retries failed messages only when asked, after saying how many', () => {
    const world = worldOn(baseModel(3), { mailQuota: 0 });
    world.run('startInstructions', [PDF]);
    // The frozen recipients of the second message were damaged by hand before it left.
    const sheet = world.spreadsheet.requireSheet(LEDGER_SHEET.name);
    const { positions } = matchHeaders(LEDGER_SHEET, sheet.values()[0]);
    sheet.cell(3, positions.get('recipients') as number, true).value = 'ce.pas-valide@';
    world.mail.dailyQuota = 100;
    world.run('resumeMergeFromMenu');
    expect(ledger(world).map((r) => r.status)).toEqual(['envoyé', 'erreur', 'envoyé']);
    expect(String(ledger(world)[1].error)).toContain('Destinataires « ce.pas-valide@ » invalides');
    expect(world.outbox).toHaveLength(2);
    world.open();
    world.ui.answer('NO');
    world.clickMenu('Renvoyer les envois en erreur');
    expect(world.ui.dialogs.at(-1)?.message).toContain('1 message en erreur');
    expect(ledger(world)[1].status).toBe('erreur');
    world.ui.answer('YES');
    world.clickMenu('Renvoyer les envois en erreur');
    expect(ledger(world)[1].status).toBe('erreur');
    expect(world.outbox).toHaveLength(2);
  });
});

// Four messages: the merge's calls for one message depend only on whether a message went before it
// (the waiting outcome written with the next mark) and whether it is the last (the final flush), so
// the first, two middle and the last message cover every kind of call of a longer merge; every call
// index of that merge is killed (101 kill points; thirty messages repeated the same calls over 203).
const KILLED_MERGE = 4;

describe('a merge killed at every call index', () => {
  it('never sends a message twice; every message ends sent or to check; the ledger agrees with the outbox', () => {
    const model = baseModel(KILLED_MERGE);
    const reference = worldOn(model);
    const total = reference.run('startInstructions', [PDF]).execution.total;
    expect(reference.outbox).toHaveLength(KILLED_MERGE);
    for (let kill = 1; kill <= total; kill++) {
      const world = worldOn(model);
      expect(() => world.run('startInstructions', [PDF], { killAtCall: kill })).toThrow(
        ExecutionKilled,
      );
      world.run('resumeMergeFromMenu');
      if (ledger(world).length < KILLED_MERGE) world.run('startInstructions', [PDF]);
      const rows = ledger(world);
      const context = `killed at call ${kill}`;
      expect([context, rows.length]).toEqual([context, KILLED_MERGE]);
      const perAddress = new Map<string, number>();
      for (const mail of world.outbox)
        perAddress.set(mail.to[0], (perAddress.get(mail.to[0]) ?? 0) + 1);
      expect([context, Math.max(...perAddress.values())]).toEqual([context, 1]);
      for (const row of rows) {
        const address = String(row.recipients);
        const sent = perAddress.get(address) ?? 0;
        if (row.status === MAIL_STATUS.sent)
          expect([context, address, sent]).toEqual([context, address, 1]);
        else expect([context, row.status, sent <= 1]).toEqual([context, MAIL_STATUS.check, true]);
      }
      expect([context, rows.filter((r) => r.status === MAIL_STATUS.check).length <= 1]).toEqual([
        context,
        true,
      ]);
      expect([
        context,
        world.outbox.every((m) => rows.some((r) => r.recipients === m.to[0])),
      ]).toEqual([context, true]);
    }
  });
});

describe('.eml files', () => {
  it('open as valid MIME with UTF-8 subjects, both bodies and the attachment', async () => {
    const world = worldOn(baseModel(2, (i) => ({ name: `Lycée « Étoile » n°${i} 😀` })));
    world.open();
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    world.run('startInstructions', [PDF]);
    for (const mail of world.outbox) {
      const parsed = await simpleParser(toEml(mail));
      expect(parsed.subject).toBe(mail.subject);
      expect(parsed.text?.trim()).toBe(mail.body.trim());
      expect(parsed.html).toBe(mail.htmlBody);
      expect(parsed.attachments.map((a) => a.filename)).toEqual(
        mail.attachments.map((a) => a.name),
      );
      expect(parsed.replyTo?.text).toBe('ce.0540015y_ga@ac-nancy-metz.fr');
    }
    expect(world.outbox.some((m) => m.subject.includes('😀'))).toBe(true);
  });
});
