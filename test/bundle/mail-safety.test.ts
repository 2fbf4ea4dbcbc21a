// Mail safety under real use of a shared sheet, through the bundle: the coordinator sorts, inserts,
// deletes and pastes rows while a merge runs, clicks again after a crash, types statuses and steps
// with other accents or case, flips test mode; a message never goes twice nor to anyone but the
// recipients frozen in its ledger row.

import { MAIL_STATUS } from '../../src/core/ledger';
import { LEDGER_SHEET } from '../../src/core/workbook/ledger';
import { RULES_SHEET } from '../../src/core/workbook/reminder-rules';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import { type CellValue, ExecutionKilled, type SpreadsheetModel } from '../../tools/emulator';
import { setSettings } from '../../tools/sample/workbook';
import {
  baseModel,
  conventionFormSent,
  duringSends,
  ledger,
  pasteRowTwice,
  reverseRows,
  setCell,
  trackingRows,
  worldOn,
} from '../helpers/mail';
import { fr } from '../helpers/french';

const PDF = { service: 'pdf' };
const CONVENTION = { service: 'convention' };

const count = <T>(items: readonly T[]): Map<T, number> => {
  const map = new Map<T, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
};

/** Every (provider, UAI) pair transmitted, once per transmission mail that listed it. */
function transmittedPairs(world: ReturnType<typeof worldOn>): string[] {
  return world.outbox
    .filter((m) => m.subject.includes('soumissionnement'))
    .flatMap((m) => {
      const csv = m.attachments[0] ? Buffer.from(m.attachments[0].bytes).toString('utf8') : m.body;
      return [...csv.matchAll(/\b(05\d{5}[A-Z])\b/g)].map((u) => `${m.to[0]}|${u[1]}`);
    });
}

describe('identity, not row numbers: the coordinator edits the ledger during a merge', () => {
  it('a sort of "Envois" during the sends never moves a status to another message', () => {
    const world = worldOn(baseModel(10));
    duringSends(world, 3, () => reverseRows(world.spreadsheet.requireSheet(LEDGER_SHEET.name)));
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(10);
    expect(Math.max(...count(world.outbox.map((m) => m.to[0])).values())).toBe(1);
    const rows = ledger(world);
    expect(rows.every((r) => r.status === MAIL_STATUS.sent)).toBe(true);
    // Each row's status is its own: the recipients it names are those the outbox shows.
    expect(new Set(rows.map((r) => r.recipients))).toEqual(
      new Set(world.outbox.map((m) => m.to[0])),
    );
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(10);
  });

  it('a row inserted at the top, or a row deleted, during the sends: no resend, nothing lost', () => {
    const world = worldOn(baseModel(10));
    const sheet = (): ReturnType<SpreadsheetModel['requireSheet']> =>
      world.spreadsheet.requireSheet(LEDGER_SHEET.name);
    duringSends(world, 2, () => {
      sheet().insertRows(1, 1); // a blank row under the header
      sheet().deleteRows(4, 1); // the row of the message that has just left goes
    });
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(10);
    expect(Math.max(...count(world.outbox.map((m) => m.to[0])).values())).toBe(1);
    const rows = ledger(world).filter((r) => r.id !== '');
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.status === MAIL_STATUS.sent)).toBe(true);
    world.run('startInstructions', [PDF]);
    world.run('resumeMergeFromMenu');
    expect(world.outbox).toHaveLength(10);
  });

  it('a ledger row pasted twice is reported and never sent', () => {
    const world = worldOn(baseModel(3), { mailQuota: 0 });
    world.run('startInstructions', [PDF]);
    pasteRowTwice(world.spreadsheet.requireSheet(LEDGER_SHEET.name), 2);
    world.mail.dailyQuota = 100;
    world.run('resumeMergeFromMenu');
    expect(world.outbox).toHaveLength(2);
    const doubled = ledger(world).filter((r) => r.id === ledger(world)[0].id);
    expect(doubled.map((r) => r.status)).toEqual([MAIL_STATUS.error, MAIL_STATUS.error]);
    expect(String(doubled[0].error)).toContain('Identifiant en double (lignes 2, 5)');
    expect(world.ui.lastDialog()?.message).toContain('1 identifiant en double');
  });

  it('statuses typed with other accents or case are read as what they say', () => {
    const world = worldOn(baseModel(3), { mailQuota: 0 });
    world.run('startInstructions', [PDF]);
    const sheet = world.spreadsheet.requireSheet(LEDGER_SHEET.name);
    setCell(sheet, LEDGER_SHEET, (r) => r.id === ledger(world)[0].id, 'status', 'Envoyé ');
    setCell(sheet, LEDGER_SHEET, (r) => r.id === ledger(world)[1].id, 'status', 'envoye');
    setCell(sheet, LEDGER_SHEET, (r) => r.id === ledger(world)[2].id, 'status', 'PLANIFIE');
    world.mail.dailyQuota = 100;
    world.run('resumeMergeFromMenu');
    expect(world.outbox).toHaveLength(1);
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(1);
  });

  it('an unknown status stops that row with a message', () => {
    const world = worldOn(baseModel(2), { mailQuota: 0 });
    world.run('startInstructions', [PDF]);
    const sheet = world.spreadsheet.requireSheet(LEDGER_SHEET.name);
    setCell(sheet, LEDGER_SHEET, (r) => r.id === ledger(world)[0].id, 'status', 'parti ?');
    world.mail.dailyQuota = 100;
    world.run('resumeMergeFromMenu');
    expect(world.outbox).toHaveLength(1);
    expect(String(ledger(world)[0].error)).toContain('Statut « parti ? » inconnu');
  });
});

describe('planning from everything already known', () => {
  it('a transmission killed at every call, then clicked again: no school twice to a provider, nothing lost', () => {
    const model = baseModel(3, (i) => ({ qty_tpe: i === 0 ? 2 : '' }));
    const clean = worldOn(model);
    clean.ui.answer('YES');
    const total = clean.run('transmitToProvidersFromMenu').execution.total;
    const expected = transmittedPairs(clean).sort();
    expect(expected.length).toBeGreaterThan(3);
    for (let kill = 1; kill <= total; kill++) {
      const world = worldOn(model);
      world.ui.answer('YES');
      expect(() => world.run('transmitToProvidersFromMenu', [], { killAtCall: kill })).toThrow(
        ExecutionKilled,
      );
      world.clock.advance(60 * 60 * 1000); // clicked again an hour later, then again
      world.ui.answer('YES');
      world.run('transmitToProvidersFromMenu');
      world.ui.answer('YES');
      world.run('transmitToProvidersFromMenu');
      const context = `killed at call ${kill}`;
      const pairs = transmittedPairs(world);
      expect({ context, duplicates: pairs.length - new Set(pairs).size }).toEqual({
        context,
        duplicates: 0,
      });
      const rows = ledger(world);
      expect({
        context,
        atMostOneInDoubt: rows.filter((r) => r.status === MAIL_STATUS.check).length <= 1,
      }).toEqual({ context, atMostOneInDoubt: true });
      // Nothing lost: every pair is sent, or its message is "à vérifier".
      const inDoubt = rows
        .filter((r) => r.status === MAIL_STATUS.check)
        .flatMap((r) =>
          String(r.content)
            .split(', ')
            .map((u) => `${r.recipients}|${u}`),
        );
      expect({ context, pairs: [...new Set([...pairs, ...inDoubt])].sort() }).toEqual({
        context,
        pairs: expected,
      });
      // Every recipient is the one its ledger row names.
      for (const mail of world.outbox)
        expect(rows.some((r) => r.recipients === mail.to.join(', '))).toBe(true);
    }
  });

  it('a second "Transmettre" right after the first confirms nothing and sends nothing', () => {
    const world = worldOn(baseModel(2));
    world.open();
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    const sent = world.outbox.length;
    expect(sent).toBeGreaterThan(0);
    world.clickMenu('Transmettre aux prestataires');
    expect(world.ui.lastDialog()?.message).toContain('Aucun nouvel établissement à transmettre');
    expect(world.outbox).toHaveLength(sent);
  });

  it('a step set back by hand in the Suivi never transmits the school again', () => {
    const world = worldOn(baseModel(2));
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    const sent = world.outbox.length;
    setCell(
      world.spreadsheet.requireSheet(TRACKING_SHEET.name),
      TRACKING_SHEET,
      (r) => String(r.key).endsWith('|pdf'),
      'step',
      'À transmettre',
    );
    world.clock.advance(24 * 60 * 60 * 1000);
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    expect(world.outbox).toHaveLength(sent);
  });

  it('a step set back in the Suivi dropdown is refused by the edit trigger, as the form refuses it', () => {
    const world = worldOn(baseModel(1));
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    const values = world.spreadsheet.requireSheet(TRACKING_SHEET.name).values();
    const row = values.findIndex((r) => String(r[0]).endsWith('|pdf')) + 1;
    const stepColumn = values[0].indexOf('Étape') + 1;
    const a1 = `${String.fromCharCode(64 + stepColumn)}${row}`;
    world.edit(TRACKING_SHEET.name, a1, 'À transmettre');
    expect(world.spreadsheet.requireSheet(TRACKING_SHEET.name).value(row, stepColumn)).toBe(
      'Transmis à Foxit',
    );
    world.edit(TRACKING_SHEET.name, a1, 'Mail Foxit reçu');
    expect(world.spreadsheet.requireSheet(TRACKING_SHEET.name).value(row, stepColumn)).toBe(
      'Mail Foxit reçu',
    );
  });

  it('a UAI corrected after the transmission: the rows follow the member, the provider does not get the school again', () => {
    const world = worldOn(baseModel(2));
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    const sent = world.outbox.length;
    // The coordinator corrects the first member's UAI (same dossier).
    setCell(
      world.spreadsheet.requireSheet(MEMBERS_SHEET.name),
      MEMBERS_SHEET,
      (r) => r.uai === '0541000U',
      'uai',
      '0540015Y',
    );
    world.run('refreshTrackingFromMenu');
    const rows = trackingRows(world).filter((r) => r.uai === '0540015Y');
    expect(rows.map((r) => r.step)).toContain('Transmis à Foxit');
    expect(rows.some((r) => r.step === 'À transmettre')).toBe(false);
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    expect(world.outbox).toHaveLength(sent);
  });

  it('a Suivi row pasted twice: one instruction per member, one line per school for the provider', () => {
    const model = baseModel(2);
    const suivi = model.requireSheet(TRACKING_SHEET.name);
    const pdfRow = suivi.values().findIndex((r) => String(r[0]).endsWith('|pdf')) + 1;
    pasteRowTwice(suivi, pdfRow);
    const world = worldOn(model);
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    const pairs = transmittedPairs(world);
    expect(pairs.length).toBe(new Set(pairs).size);
    world.run('startInstructions', [PDF]);
    const instructions = world.outbox.filter((m) => m.to[0].startsWith('ce.'));
    expect(instructions).toHaveLength(2);
    const ids = ledger(world).map((r) => r.id);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('the same instructions started again an hour later go nowhere; a resend asked for goes once more', () => {
    const world = worldOn(baseModel(3));
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(3);
    world.clock.advance(60 * 60 * 1000);
    const again = world.run<string[]>('startInstructions', [PDF]).value.join(' ');
    expect(world.outbox).toHaveLength(3);
    expect(again).toContain('3 messages déjà dans la feuille Envois');
    const preview = world.run<{ count: number; already: number }>('previewInstructions', [PDF, 0]);
    expect(preview.value).toMatchObject({ count: 0, already: 3 });
    world.run('startInstructions', [{ ...PDF, resend: true }]);
    expect(world.outbox).toHaveLength(6);
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(6);
  });

  it('instructions sent without choosing a step are not sent again once the step has moved', () => {
    const world = worldOn(baseModel(3));
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(3);
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu'); // the PDF rows move to « Transmis à Foxit »
    const afterTransmission = world.outbox.length;
    world.clock.advance(60 * 60 * 1000);
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(afterTransmission);
    const convention = worldOn(
      baseModel(2, () => ({ convention: 'En attente', signatureDate: '' })),
    );
    convention.run('startInstructions', [CONVENTION]);
    convention.run('startInstructions', [CONVENTION]);
    expect(convention.outbox).toHaveLength(2);
  });

  it('a reminder that waited for the quota is not sent once the school has moved on', () => {
    const model = baseModel(1, () => ({ convention: 'En attente', signatureDate: '' }));
    conventionFormSent(model, new Date(2026, 1, 2));
    const world = worldOn(model, { now: new Date('2026-03-03T07:10:00+01:00'), mailQuota: 0 });
    world.run('dailyReminders');
    expect(ledger(world).some((r) => String(r.id).startsWith('relance:'))).toBe(true);
    setCell(
      world.spreadsheet.requireSheet(TRACKING_SHEET.name),
      TRACKING_SHEET,
      (r) => String(r.key).endsWith('|convention'),
      'step',
      'Signée par l’adhérent',
    );
    world.mail.dailyQuota = 100;
    world.run('resumeMergeFromMenu');
    expect(world.outbox.filter((m) => m.to[0].startsWith('ce.'))).toHaveLength(0);
    const reminder = ledger(world).find((r) => String(r.id).startsWith('relance:'));
    expect(reminder?.status).toBe(MAIL_STATUS.error);
    expect(String(reminder?.error)).toContain('plus d’actualité');
  });

  it('the convention form instructions move the step on, so the next day sends nothing', () => {
    const world = worldOn(baseModel(2, () => ({ convention: 'En attente', signatureDate: '' })));
    const before = trackingRows(world).filter((r) => String(r.key).endsWith('|convention'));
    expect(before.map((r) => r.step)).toEqual(['Formulaire à envoyer', 'Formulaire à envoyer']);
    world.run('startInstructions', [{ ...CONVENTION, step: 'Formulaire à envoyer' }]);
    expect(world.outbox).toHaveLength(2);
    const after = trackingRows(world).filter((r) => String(r.key).endsWith('|convention'));
    expect(after.map((r) => r.step)).toEqual(['Formulaire envoyé', 'Formulaire envoyé']);
    world.clock.advance(24 * 60 * 60 * 1000);
    expect(() =>
      world.run('startInstructions', [{ ...CONVENTION, step: 'Formulaire à envoyer' }]),
    ).toThrow('Aucun adhérent ne correspond');
    expect(world.outbox).toHaveLength(2);
  });
});

describe('who may receive', () => {
  it('test mode frozen at planning: switched off before the continuation, the waiting messages still go to the coordinator', () => {
    const world = worldOn(
      baseModel(4, () => ({}), { 'envois.modeTest': 'Oui' }),
      {
        mailQuota: 2,
      },
    );
    world.run('startInstructions', [PDF]);
    expect(world.outbox).toHaveLength(2);
    setSettings(world.spreadsheet, { 'envois.modeTest': 'Non' });
    world.mail.dailyQuota = 100;
    world.run('continueMerge');
    expect(world.outbox).toHaveLength(4);
    expect(world.outbox.every((m) => m.to.join() === 'coordination@groupement.example')).toBe(true);
    expect(world.outbox.every((m) => m.subject.startsWith('[TEST] '))).toBe(true);
    // A test stands for no real message: the real instructions can still be sent.
    world.run('startInstructions', [PDF]);
    expect(world.outbox.filter((m) => m.to[0].startsWith('ce.'))).toHaveLength(4);
  });

  it.each([['yes'], ['Oui.'], ['x']])(
    'test mode typed %p stops the merge and names the cell',
    (typed) => {
      const world = worldOn(baseModel(2, () => ({}), { 'envois.modeTest': typed }));
      expect(() => world.run('startInstructions', [PDF])).toThrow(
        /Feuille « Paramètres », ligne \d+, colonne « Valeur » \(envois\.modeTest\)/,
      );
      expect(world.outbox).toHaveLength(0);
      expect(ledger(world)).toHaveLength(0);
    },
  );

  it('a provider address with a typo stops the transmission and names the cell; no built-in default stands in', () => {
    const world = worldOn(baseModel(2, () => ({}), { 'transmission.exm': 'veronique.vezine@exm' }));
    world.open();
    world.ui.answer('YES');
    world.clickMenu('Transmettre aux prestataires');
    expect(world.ui.lastDialog()?.message).toMatch(
      /\(transmission\.exm\) : « veronique\.vezine@exm »/,
    );
    expect(world.outbox).toHaveLength(0);
  });

  it('a functional address holding two addresses, or a blocking census row, receives nothing', () => {
    const world = worldOn(
      baseModel(4, (i): Record<string, CellValue> =>
        i === 0
          ? { email: 'ce.0541000u@ac-nancy-metz.fr, gestion.0541000u@ac-nancy-metz.fr' }
          : i === 1
            ? { status: 'Associatif', qty_tpe: 1 }
            : {},
      ),
    );
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    const pairs = transmittedPairs(world).map((p) => p.split('|')[1]);
    expect(pairs).not.toContain('0541000U');
    expect(pairs).not.toContain('0541001V');
    const lines = world.run<string[]>('startInstructions', [PDF]).value.join('\n');
    const schools = world.outbox.filter((m) => m.to[0].startsWith('ce.'));
    expect(schools.map((m) => m.to.join())).toEqual([
      'ce.0541002w@ac-nancy-metz.fr',
      'ce.0541003x@ac-nancy-metz.fr',
    ]);
    expect(lines).toContain('0541000U');
    expect(lines).toContain('n’est pas une adresse électronique valide');
  });

  it.each([['privé'], ['Privé '], ['Prive\u0301'], ['Privé sous contrat'], ['PRIVE']])(
    'a private school typed %p gets the private TPE path, never the DDFIP one',
    (typed) => {
      const world = worldOn(baseModel(1, () => ({ status: typed, qty_tpe: 1 })));
      const tpe = trackingRows(world).find((r) => String(r.key).endsWith('|tpe'));
      expect(tpe?.schoolStatus).toBe('Privé');
      setCell(
        world.spreadsheet.requireSheet(TRACKING_SHEET.name),
        TRACKING_SHEET,
        (r) => String(r.key).endsWith('|tpe'),
        'step',
        'Transmis à EXM',
      );
      world.run('startInstructions', [{ service: 'tpe' }]);
      expect(world.outbox).toHaveLength(1);
      expect(world.outbox[0].body).not.toContain('DDFIP');
    },
  );

  it('a provider never sees the school’s comment or the signer’s phone unless its template names them', () => {
    const world = worldOn(
      baseModel(1, () => ({
        comment: 'Budget serré, voir avec le gestionnaire',
        signerPhone: '0612345678',
      })),
    );
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    const foxit = world.outbox.find((m) => m.to[0] === 'education@foxit.example');
    const csv = Buffer.from(foxit?.attachments[0]?.bytes ?? []).toString('utf8');
    for (const text of [foxit?.body ?? '', foxit?.htmlBody ?? '', csv]) {
      expect(text).toContain('0541000U');
      expect(text).not.toContain('Budget serré');
      expect(text).not.toMatch(/0?612345678|06 12 34 56 78/);
    }
  });

  it('a step typed "a transmettre" is transmitted', () => {
    const world = worldOn(baseModel(1));
    setCell(
      world.spreadsheet.requireSheet(TRACKING_SHEET.name),
      TRACKING_SHEET,
      (r) => String(r.key).endsWith('|pdf'),
      'step',
      'a transmettre ',
    );
    world.ui.answer('YES');
    world.run('transmitToProvidersFromMenu');
    expect(transmittedPairs(world)).toContain('education@foxit.example|0541000U');
  });
});

describe('triggers and the daily run', () => {
  it('the continuation re-arms itself when another run holds the lock', () => {
    const world = worldOn(baseModel(3), { mailQuota: 0 });
    world.run('startInstructions', [PDF]);
    const other = world.execution();
    world.globals(other).LockService.getDocumentLock().tryLock(0);
    world.mail.dailyQuota = 100;
    world.run('continueMerge');
    expect(world.outbox).toHaveLength(0);
    expect(world.triggers.triggers.map((t) => t.handler)).toContain('continueMerge');
    other.end();
    world.advanceTo(new Date('2026-03-02T12:00:00+01:00'));
    expect(world.outbox).toHaveLength(3);
  });

  it('a provider address with a typo does not stop the daily reminders: the digest says what to fix', () => {
    const model = baseModel(1, () => ({ convention: 'En attente', signatureDate: '' }), {
      'transmission.foxit': 'education@foxit',
    });
    conventionFormSent(model, new Date(2026, 1, 2));
    const world = worldOn(model, { now: new Date('2026-03-03T07:10:00+01:00') });
    world.run('dailyReminders');
    expect(world.outbox.filter((m) => m.to[0].startsWith('ce.'))).toHaveLength(1);
    const digest = world.outbox.find((m) => m.subject.includes('récapitulatif'));
    expect(digest?.body).toContain('(transmission.foxit)');
  });

  it('planned messages always have a continuation armed, wherever the run was killed', () => {
    const model = baseModel(2);
    const total = worldOn(model).run('startInstructions', [PDF]).execution.total;
    for (let kill = 1; kill <= total; kill++) {
      const world = worldOn(model);
      expect(() => world.run('startInstructions', [PDF], { killAtCall: kill })).toThrow(
        ExecutionKilled,
      );
      const planned = ledger(world).filter((r) => r.status === MAIL_STATUS.planned).length;
      const armed = world.triggers.triggers.some((t) => t.handler === 'continueMerge');
      expect({ kill, strandedWithoutTrigger: planned > 0 && !armed }).toEqual({
        kill,
        strandedWithoutTrigger: false,
      });
      world.advanceTo(new Date('2026-03-02T12:00:00+01:00'));
      expect({
        kill,
        left: ledger(world).filter((r) => r.status === MAIL_STATUS.planned).length,
      }).toEqual({ kill, left: 0 });
    }
  });

  it('a reminder is counted once in the Suivi even when its ledger mark was lost', () => {
    const model = baseModel(1, () => ({ convention: 'En attente', signatureDate: '' }));
    conventionFormSent(model, new Date(2026, 1, 2));
    const world = worldOn(model, { now: new Date('2026-03-03T07:10:00+01:00') });
    world.run('dailyReminders');
    const counted = () =>
      trackingRows(world).find((r) => String(r.key).endsWith('|convention'))?.reminderCount;
    expect(counted()).toBe(1);
    // The run died between the Suivi write and the ledger mark: the mark is missing.
    setCell(
      world.spreadsheet.requireSheet(LEDGER_SHEET.name),
      LEDGER_SHEET,
      (r) => String(r.id).startsWith('relance:'),
      'effect',
      '',
    );
    world.run('resumeMergeFromMenu');
    expect(counted()).toBe(1);
    expect(ledger(world).find((r) => String(r.id).startsWith('relance:'))?.effect).toBe('oui');
  });

  it('the daily run that finds the workbook busy comes back ten minutes later instead of skipping the day', () => {
    const model = baseModel(1, () => ({ convention: 'En attente', signatureDate: '' }));
    conventionFormSent(model, new Date(2026, 1, 2));
    const world = worldOn(model, { now: new Date('2026-03-03T07:10:00+01:00') });
    world.run('toggleDailyRemindersFromMenu');
    const other = world.execution();
    world.globals(other).LockService.getDocumentLock().tryLock(0);
    world.run('dailyReminders');
    expect(world.outbox).toHaveLength(0);
    expect(world.triggers.triggers.map((t) => t.handler)).toContain('dailyRemindersRetry');
    other.end();
    world.advanceTo(new Date('2026-03-03T08:00:00+01:00'));
    expect(world.outbox.filter((m) => m.to[0].startsWith('ce.'))).toHaveLength(1);
    expect(world.outbox.filter((m) => m.subject.includes('récapitulatif'))).toHaveLength(1);
    expect(world.triggers.triggers.map((t) => t.handler)).not.toContain('dailyRemindersRetry');
  });

  it('a rule whose template is broken is reported in the digest while the other rules go', () => {
    const model = baseModel(2, () => ({ convention: 'En attente', signatureDate: '' }));
    const world = worldOn(model, { now: new Date('2026-03-20T06:00:00+01:00') });
    // Every convention row waits for the signature since early March; the PDF rows are late too.
    setCell(
      world.spreadsheet.requireSheet(TRACKING_SHEET.name),
      TRACKING_SHEET,
      (r) => String(r.key).endsWith('|convention'),
      'step',
      'Formulaire envoyé',
    );
    const rules = world.spreadsheet.requireSheet(RULES_SHEET.name);
    const ruleRow = rules.values().findIndex((r) => r[0] === 'convention') + 1;
    const templateId = String(rules.values()[ruleRow - 1][8]);
    const templates = world.spreadsheet.requireSheet('Modèles');
    const tRow = templates.values().findIndex((r) => r[0] === templateId) + 1;
    templates.cell(tRow, 5, true).value = 'Bonjour {{#liste}} sans fin';
    world.open();
    world.clickMenu('Relances quotidiennes : désactivées (activer)');
    world.run('dailyReminders');
    const digest = world.outbox.find((m) => m.subject.includes('récapitulatif'));
    expect(digest?.body).toContain(fr('Relance « convention »'));
    world.run('refreshTrackingFromMenu');
    const late = trackingRows(world).filter((r) => r.status === 'En retard').length;
    expect(digest?.body).toContain(`En retard dans le Suivi (${late})`);
    expect(late).toBeGreaterThan(0);
  });

  it('a reminder killed right after its send is not sent again on the following days', () => {
    const model = baseModel(1, () => ({ convention: 'En attente', signatureDate: '' }));
    conventionFormSent(model, new Date(2026, 1, 2));
    const world = worldOn(model, { now: new Date('2026-03-03T06:00:00+01:00') });
    world.open();
    world.clickMenu('Relances quotidiennes : désactivées (activer)');
    // The execution dies at the first call after the send (the ledger write that follows).
    duringSends(world, 1, () => {
      const exec = world.executions[world.executions.length - 1];
      (exec.options as { killAtCall?: number }).killAtCall = 1;
    });
    expect(() => world.run('dailyReminders')).toThrow(ExecutionKilled);
    // The message left; the run died before recording it. The next three working days:
    for (let day = 0; day < 3; day++) {
      world.clock.advance(24 * 60 * 60 * 1000);
      world.run('dailyReminders');
    }
    const reminders = world.outbox.filter((m) => m.to[0].startsWith('ce.'));
    expect(reminders).toHaveLength(1);
    expect(ledger(world).some((r) => r.status === MAIL_STATUS.check)).toBe(true);
  });

  it('the daily trigger belongs to one user: another editor is told who owns it, and never gets a second one', () => {
    const world = worldOn(baseModel(1));
    world.open();
    world.clickMenu('Relances quotidiennes : désactivées (activer)');
    const owner = world.user;
    expect(world.triggersOf(owner).filter((t) => t.handler === 'dailyReminders')).toHaveLength(1);
    const other = 'adjoint@example.fr';
    world.run('onOpen', [{}], { user: other, simpleTrigger: true });
    const caption = `Relances quotidiennes : activées par ${owner} (désactiver)`;
    expect(world.ui.menus.get("Groupement d'achats")?.some((i) => i.caption === caption)).toBe(
      true,
    );
    // The other editor turns them off: the document's flag goes; the owner's trigger stops itself.
    world.clickMenu(caption, { user: other });
    expect(world.ui.lastDialog()?.message).toContain(`Le déclencheur appartient à ${owner}`);
    world.clickMenu('Relances quotidiennes : désactivées (activer)', { user: other });
    expect(world.triggersOf(other).filter((t) => t.handler === 'dailyReminders')).toHaveLength(1);
    // Now two triggers exist, one per user, but only the new owner's runs.
    world.advanceTo(new Date('2026-03-03T12:00:00+01:00'));
    expect(world.triggersOf(owner).filter((t) => t.handler === 'dailyReminders')).toHaveLength(0);
    const digests = world.outbox.filter((m) => m.subject.includes('récapitulatif'));
    expect(digests).toHaveLength(1);
    // The first owner takes them back the same way: still one running trigger.
    world.clickMenu(`Relances quotidiennes : activées par ${other} (désactiver)`);
    world.clickMenu('Relances quotidiennes : désactivées (activer)');
    expect(world.triggersOf(owner).filter((t) => t.handler === 'dailyReminders')).toHaveLength(1);
  });

  it('daily reminders, digest and continuation killed at every call, then three days: never twice, nothing lost', () => {
    const model = baseModel(2, () => ({ convention: 'En attente', signatureDate: '' }));
    conventionFormSent(model, new Date(2026, 1, 2));
    const start = new Date('2026-03-03T07:10:00+01:00');
    const prepared = (): ReturnType<typeof worldOn> => {
      const world = worldOn(model, { now: start, mailQuota: 2 });
      world.run('toggleDailyRemindersFromMenu');
      return world;
    };
    const reference = prepared();
    const total = reference.run('dailyReminders', [], { interactive: false }).execution.total;
    reference.advanceTo(new Date('2026-03-06T20:00:00+01:00'));
    const expected = reference.outbox.filter((m) => m.to[0].startsWith('ce.')).length;
    expect(expected).toBeGreaterThan(0);
    for (let kill = 1; kill <= total; kill++) {
      const world = prepared();
      expect(() =>
        world.run('dailyReminders', [], { killAtCall: kill, interactive: false }),
      ).toThrow(ExecutionKilled);
      world.advanceTo(new Date('2026-03-06T20:00:00+01:00'));
      const context = `killed at call ${kill}`;
      const rows = ledger(world);
      const ids = world.outbox.map(
        (m) => rows.find((r) => r.subject === m.subject && r.recipients === m.to.join(', '))?.id,
      );
      expect({ context, unmatched: ids.filter((id) => id === undefined).length }).toEqual({
        context,
        unmatched: 0,
      });
      expect({ context, twice: ids.length - new Set(ids).size }).toEqual({ context, twice: 0 });
      const inDoubt = rows.filter((r) => r.status === MAIL_STATUS.check).length;
      expect({ context, atMostOne: inDoubt <= 1 }).toEqual({ context, atMostOne: true });
      const open = rows.filter(
        (r) => r.status !== MAIL_STATUS.sent && r.status !== MAIL_STATUS.check,
      );
      expect({ context, open: open.map((r) => `${r.id} ${r.status}`) }).toEqual({
        context,
        open: [],
      });
      // Per member, never two reminders the same day.
      const perDay = count(
        world.outbox
          .filter((m) => m.to[0].startsWith('ce.'))
          .map((m) => `${m.to[0]} ${m.at.toISOString().slice(0, 10)}`),
      );
      expect({ context, max: Math.max(0, ...perDay.values()) <= 1 }).toEqual({
        context,
        max: true,
      });
    }
  });
});
