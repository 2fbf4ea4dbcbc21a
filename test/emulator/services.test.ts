// MailApp, PropertiesService, ScriptApp, LockService, HtmlService, Utilities, Session and Logger.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppsScriptWorld } from '../../tools/emulator';

const ALL_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/userinfo.email',
];

function world(options: Partial<ConstructorParameters<typeof AppsScriptWorld>[0]> = {}) {
  return new AppsScriptWorld({
    distDir: '/nonexistent',
    scopes: ALL_SCOPES,
    now: new Date('2026-03-02T08:00:00+01:00'),
    ...options,
  });
}

describe('MailApp', () => {
  it('puts messages with every field into an inspectable outbox', () => {
    const w = world();
    const g = w.globals(w.execution());
    const blob = g.Utilities.newBlob('uai;nom\n0540015Y;Lycée', 'text/csv', 'liste.csv');
    g.MailApp.sendEmail({
      to: 'a@ac-nancy-metz.fr, b@ac-nancy-metz.fr',
      cc: 'c@ac-nancy-metz.fr',
      bcc: 'd@ac-nancy-metz.fr',
      replyTo: 'ce.0540015y_ga@ac-nancy-metz.fr',
      name: 'Groupement',
      subject: 'Objet é 😀',
      body: 'texte',
      htmlBody: '<p>texte</p>',
      attachments: [blob],
    });
    g.MailApp.sendEmail('e@ac-nancy-metz.fr', 'Simple', 'corps');
    expect(w.outbox).toHaveLength(2);
    const [first, second] = w.outbox;
    expect(first).toMatchObject({
      to: ['a@ac-nancy-metz.fr', 'b@ac-nancy-metz.fr'],
      cc: ['c@ac-nancy-metz.fr'],
      bcc: ['d@ac-nancy-metz.fr'],
      replyTo: 'ce.0540015y_ga@ac-nancy-metz.fr',
      name: 'Groupement',
      subject: 'Objet é 😀',
      htmlBody: '<p>texte</p>',
    });
    expect(first.attachments[0].name).toBe('liste.csv');
    expect(Buffer.from(first.attachments[0].bytes).toString('utf8')).toBe(
      'uai;nom\n0540015Y;Lycée',
    );
    expect(second).toMatchObject({ to: ['e@ac-nancy-metz.fr'], subject: 'Simple', body: 'corps' });
  });

  it('counts to, cc and bcc against the daily quota and throws Google\u2019s message when it runs out', () => {
    const w = world({ mailQuota: 5 });
    const g = w.globals(w.execution());
    expect(g.MailApp.getRemainingDailyQuota()).toBe(5);
    g.MailApp.sendEmail({ to: 'a@x.fr', cc: 'b@x.fr', bcc: 'c@x.fr', subject: 's', body: 'b' });
    expect(g.MailApp.getRemainingDailyQuota()).toBe(2);
    expect(() =>
      g.MailApp.sendEmail({ to: 'a@x.fr, b@x.fr, c@x.fr', subject: 's', body: 'b' }),
    ).toThrow('Service invoked too many times for one day: email.');
    expect(w.outbox).toHaveLength(1);
    w.advanceTo(new Date('2026-03-03T12:00:00+01:00'));
    expect(w.globals(w.execution()).MailApp.getRemainingDailyQuota()).toBe(5);
  });

  it('resets the quota 24 hours after the first send of the window, not at midnight or a fixed hour', () => {
    const w = world({ mailQuota: 4 }); // clock: Monday 2 March 2026, 08:00 Paris
    const quota = (): number => w.globals(w.execution()).MailApp.getRemainingDailyQuota();
    const send = (): void => w.globals(w.execution()).MailApp.sendEmail('a@x.fr', 's', 'b');
    expect(quota()).toBe(4);
    send(); // opens the window: 08:00 → tomorrow 08:00
    w.advanceTo(new Date('2026-03-02T20:00:00+01:00'));
    send(); // a later send does not move the reset
    send();
    send();
    expect(() => send()).toThrow('Service invoked too many times for one day: email.');
    // Not at midnight Pacific time (09:00 Paris), nor at midnight or 07:00 Paris.
    for (const at of [
      '2026-03-02T09:30:00+01:00',
      '2026-03-03T00:30:00+01:00',
      '2026-03-03T07:00:00+01:00',
      '2026-03-03T07:59:59+01:00',
    ]) {
      w.advanceTo(new Date(at));
      expect([at, quota()]).toEqual([at, 0]);
    }
    expect(w.mail.resetsAt('coordination@example.fr')).toEqual(
      new Date('2026-03-03T08:00:00+01:00'),
    );
    w.advanceTo(new Date('2026-03-03T08:00:00+01:00'));
    expect(quota()).toBe(4);
    expect(w.mail.resetsAt('coordination@example.fr')).toBeUndefined();
    // The next window opens with the next send, at 10:00, and closes the day after at 10:00.
    w.advanceTo(new Date('2026-03-03T10:00:00+01:00'));
    send();
    w.advanceTo(new Date('2026-03-04T09:59:00+01:00'));
    expect(quota()).toBe(3);
    w.advanceTo(new Date('2026-03-04T10:00:00+01:00'));
    expect(quota()).toBe(4);
  });

  it('refuses invalid addresses and more than 50 recipients', () => {
    const w = world({ mailQuota: 1500 });
    const g = w.globals(w.execution());
    expect(() => g.MailApp.sendEmail('pas-une-adresse', 's', 'b')).toThrow(
      'Invalid email: pas-une-adresse',
    );
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@x.fr`).join(',');
    expect(() => g.MailApp.sendEmail(many, 's', 'b')).toThrow(
      'Limit Exceeded: Email Recipients Per Message.',
    );
    expect(w.outbox).toHaveLength(0);
  });
});

describe('PropertiesService', () => {
  it('keeps script, user and document stores apart and across executions', () => {
    const w = world();
    const g = w.globals(w.execution());
    g.PropertiesService.getScriptProperties().setProperty('DS_TOKEN', 'secret');
    g.PropertiesService.getUserProperties().setProperty('k', 'user');
    const later = w.globals(w.execution());
    expect(later.PropertiesService.getScriptProperties().getProperty('DS_TOKEN')).toBe('secret');
    expect(later.PropertiesService.getDocumentProperties().getProperty('DS_TOKEN')).toBeNull();
    expect(later.PropertiesService.getUserProperties().getKeys()).toEqual(['k']);
    later.PropertiesService.getScriptProperties().deleteProperty('DS_TOKEN');
    expect(later.PropertiesService.getScriptProperties().getProperties()).toEqual({});
  });

  it('limits a value to 9 KB and a store to 500 KB', () => {
    const w = world();
    const props = w.globals(w.execution()).PropertiesService.getScriptProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(
      'Argument too large: value',
    );
    for (let i = 0; i < 56; i++) props.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => props.setProperty('one-more', 'x'.repeat(9000))).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(props.getProperty('one-more')).toBeNull();
  });
});

describe('ScriptApp triggers', () => {
  it('creates daily and one-off time-driven triggers, lists and deletes them', () => {
    const w = world();
    const g = w.globals(w.execution());
    const daily = g.ScriptApp.newTrigger('sendReminders')
      .timeBased()
      .everyDays(1)
      .atHour(7)
      .create();
    g.ScriptApp.newTrigger('continueMerge').timeBased().after(60_000).create();
    expect(g.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'sendReminders',
      'continueMerge',
    ]);
    expect(w.triggers.triggers[0].nextAt).toBe(new Date('2026-03-03T07:00:00+01:00').getTime());
    g.ScriptApp.deleteTrigger(daily);
    expect(g.ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  it('accepts only Google\u2019s minute intervals and at most 20 triggers', () => {
    const w = world();
    const g = w.globals(w.execution());
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow(/everyMinutes/);
    for (let i = 0; i < 20; i++) g.ScriptApp.newTrigger('f').timeBased().everyMinutes(5).create();
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(5).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });
});

describe('LockService', () => {
  it('lets one execution hold the document lock; another fails to get it until the first ends', () => {
    const w = world();
    const first = w.execution();
    const lock = w.globals(first).LockService.getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    const second = w.execution();
    const other = w.globals(second).LockService.getDocumentLock();
    const before = w.clock.now();
    expect(other.tryLock(5000)).toBe(false);
    expect(w.clock.now() - before).toBe(5000);
    expect(() => other.waitLock(1000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    first.end();
    expect(other.tryLock(1000)).toBe(true);
    other.releaseLock();
    expect(other.hasLock()).toBe(false);
  });

  it('keeps the script lock apart from the document lock', () => {
    const w = world();
    expect(w.globals(w.execution()).LockService.getDocumentLock().tryLock(0)).toBe(true);
    expect(w.globals(w.execution()).LockService.getScriptLock().tryLock(0)).toBe(true);
  });
});

describe('HtmlService', () => {
  it('serves pages and evaluates templates from the dist folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'html-'));
    fs.writeFileSync(
      path.join(dir, 'page.html'),
      '<p><?= name ?></p><?!= raw ?><? for (const i of [1,2]) { ?>[<?= i ?>]<? } ?>',
    );
    const w = world({ distDir: dir });
    const g = w.globals(w.execution());
    expect(g.HtmlService.createHtmlOutputFromFile('page').getContent()).toContain('<?= name ?>');
    const template = g.HtmlService.createTemplateFromFile(
      'page',
    ) as GoogleAppsScript.HTML.HtmlTemplate & Record<string, unknown>;
    template.name = '<b>Lycée & co</b>';
    template.raw = '<i>ok</i>';
    expect(template.evaluate().getContent()).toBe(
      '<p>&lt;b&gt;Lycée &amp; co&lt;/b&gt;</p><i>ok</i>[1][2]',
    );
    expect(() => g.HtmlService.createHtmlOutputFromFile('absente')).toThrow(
      'No HTML file named absente was found.',
    );
  });
});

describe('Utilities, Session, Logger', () => {
  it('formats dates in a named zone with Java patterns', () => {
    const w = world();
    const u = w.globals(w.execution()).Utilities;
    const date = new Date('2026-07-01T22:30:00Z');
    expect(u.formatDate(date, 'Europe/Paris', 'dd/MM/yyyy HH:mm')).toBe('02/07/2026 00:30');
    expect(u.formatDate(date, 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2026-07-01T22:30:00+00:00');
    expect(u.formatDate(date, 'Europe/Paris', 'Z')).toBe('+0200');
  });

  it('parses CSV with quotes, separators and line breaks inside cells', () => {
    const w = world();
    const u = w.globals(w.execution()).Utilities;
    expect(u.parseCsv('a;"b;c";"d ""e"""\n"ligne\nsuite";2;', ';')).toEqual([
      ['a', 'b;c', 'd "e"'],
      ['ligne\nsuite', '2', ''],
    ]);
  });

  it('builds blobs, digests with signed bytes, and sleeps on the simulated clock', () => {
    const w = world();
    const u = w.globals(w.execution()).Utilities;
    const blob = u.newBlob('é', 'text/plain', 'a.txt');
    expect(blob.getBytes()).toEqual([-61, -87]);
    expect(blob.getDataAsString()).toBe('é');
    const digest = u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc');
    expect(digest).toHaveLength(32);
    expect(digest[0]).toBe(-70); // 0xba
    const before = w.clock.now();
    u.sleep(2000);
    expect(w.clock.now() - before).toBe(2000);
  });

  it('tells who runs the script, except in a simple trigger', () => {
    const w = world({ user: 'coord@ac-nancy-metz.fr' });
    expect(w.globals(w.execution()).Session.getActiveUser().getEmail()).toBe(
      'coord@ac-nancy-metz.fr',
    );
    expect(
      w
        .globals(w.execution({ simpleTrigger: true }))
        .Session.getActiveUser()
        .getEmail(),
    ).toBe('');
    expect(w.globals(w.execution()).Session.getScriptTimeZone()).toBe('Europe/Paris');
  });

  it('collects Logger lines', () => {
    const w = world();
    w.globals(w.execution()).Logger.log('%s entrée(s)', 3);
    expect(w.logs).toEqual(['3 entrée(s)']);
  });
});

describe('time-driven triggers fire on the simulated clock', () => {
  it('runs due triggers in order, each in a new execution of the bundle', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
    fs.writeFileSync(
      path.join(dir, 'Code.js'),
      [
        'function tick() {',
        '  var p = PropertiesService.getScriptProperties();',
        '  p.setProperty("runs", String(Number(p.getProperty("runs") || 0) + 1));',
        '  p.setProperty("last", new Date().toISOString());',
        '}',
      ].join('\n'),
    );
    const w = world({ distDir: dir });
    const g = w.globals(w.execution());
    g.ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(7).create();
    g.ScriptApp.newTrigger('tick')
      .timeBased()
      .after(30 * 60_000)
      .create();
    const fired = w.advanceTo(new Date('2026-03-04T12:00:00+01:00'));
    expect(fired.map((f) => f.error)).toEqual([undefined, undefined, undefined]);
    expect(w.properties.script.values.get('runs')).toBe('3');
    expect(w.properties.script.values.get('last')).toBe('2026-03-04T06:00:00.000Z');
    // The daily trigger, and the spent one-off trigger that a script has not deleted.
    expect(w.triggers.triggers.map((t) => [t.handler, !!t.spent])).toEqual([
      ['tick', false],
      ['tick', true],
    ]);
  });
});
