// Installable triggers as Apps Script runs them: spent one-off triggers stay listed and counted,
// the handler gets the time-driven event with its triggerUid, and triggers belong to their owner.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppsScriptWorld, timeDrivenEvent } from '../../tools/emulator';

const ALL_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/userinfo.email',
];

const TOO_MANY =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

/** A world whose bundle is `code` (a classic script, as the built Code.js is). */
function world(code: string, options: { user?: string } = {}): AppsScriptWorld {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triggers-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  return new AppsScriptWorld({
    distDir: dir,
    scopes: ALL_SCOPES,
    now: new Date('2026-03-02T08:00:00+01:00'),
    ...options,
  });
}

/** Handlers that record what they saw into script properties. */
const RECORDER = `
function record(e) {
  var p = PropertiesService.getScriptProperties();
  var n = Number(p.getProperty('runs') || 0);
  p.setProperty('run' + n, JSON.stringify({
    event: e,
    active: Session.getActiveUser().getEmail(),
    effective: Session.getEffectiveUser().getEmail(),
    listed: ScriptApp.getProjectTriggers().map(function (t) { return t.getUniqueId(); }),
  }));
  p.setProperty('runs', String(n + 1));
}
function continueAndClean(e) {
  record(e);
  var mine = ScriptApp.getProjectTriggers().filter(function (t) {
    return t.getUniqueId() === e.triggerUid;
  });
  if (mine.length === 1) ScriptApp.deleteTrigger(mine[0]);
}
function scheduleOnce() {
  return ScriptApp.newTrigger('record').timeBased().after(60000).create().getUniqueId();
}
function listMine() {
  return ScriptApp.getProjectTriggers().map(function (t) { return t.getUniqueId(); });
}
function deleteAll() {
  ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); });
}
function whoAmI() {
  return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()];
}
function mailQuota() {
  return MailApp.getRemainingDailyQuota();
}
function sendOne() {
  MailApp.sendEmail('ecole@ac-nancy-metz.fr', 'Objet', 'Corps');
}
function rememberForMe(v) {
  PropertiesService.getUserProperties().setProperty('k', v);
}
function recallForMe() {
  return PropertiesService.getUserProperties().getProperty('k');
}
`;

interface Run {
  event: Record<string, unknown>;
  active: string;
  effective: string;
  listed: string[];
}

const runs = (w: AppsScriptWorld): Run[] =>
  Array.from(
    { length: Number(w.properties.script.values.get('runs') ?? 0) },
    (_, i) => JSON.parse(w.properties.script.values.get(`run${i}`) as string) as Run,
  );

describe('one-off time-driven triggers', () => {
  it('stay listed after they fire, spent, until a script deletes them', () => {
    const w = world(RECORDER);
    const uid = w.run<string>('scheduleOnce').value;
    expect(uid).toMatch(/^\d+$/); // a digit string, as Google's ids are
    expect(w.run<string[]>('listMine').value).toEqual([uid]);
    const fired = w.advanceTo(new Date('2026-03-02T09:00:00+01:00'));
    expect(fired.map((f) => [f.trigger.id, f.error])).toEqual([[uid, undefined]]);
    // Listed during its own run, and still listed afterwards: Apps Script shows it disabled.
    expect(runs(w)[0].listed).toEqual([uid]);
    expect(w.run<string[]>('listMine').value).toEqual([uid]);
    expect(w.triggers.triggers[0]).toMatchObject({ id: uid, spent: true, nextAt: undefined });
    // It never fires again.
    expect(w.advanceTo(new Date('2026-03-09T09:00:00+01:00'))).toEqual([]);
    expect(runs(w)).toHaveLength(1);
    w.run('deleteAll');
    expect(w.run<string[]>('listMine').value).toEqual([]);
  });

  it('at(date) behaves the same: fires once at that time, then stays listed', () => {
    const w = world(RECORDER);
    const g = w.globals(w.execution());
    const at = new Date('2026-03-03T10:30:00+01:00');
    const uid = g.ScriptApp.newTrigger('record').timeBased().at(at).create().getUniqueId();
    const fired = w.advanceTo(new Date('2026-03-04T00:00:00+01:00'));
    expect(fired).toHaveLength(1);
    expect(runs(w)[0].event.triggerUid).toBe(uid);
    expect(runs(w)[0].event.hour).toBe(9); // 10:30 in Paris is 09:30 UTC
    expect(
      w
        .globals(w.execution())
        .ScriptApp.getProjectTriggers()
        .map((x) => x.getUniqueId()),
    ).toEqual([uid]);
  });

  it('keep counting toward the 20 triggers per user: the 21st throws until spent ones are deleted', () => {
    const w = world(RECORDER);
    for (let i = 0; i < 20; i++) w.run('scheduleOnce');
    w.advanceTo(new Date('2026-03-02T09:00:00+01:00'));
    expect(runs(w)).toHaveLength(20);
    expect(w.triggersOf()).toHaveLength(20);
    expect(w.triggersOf().every((t) => t.spent)).toBe(true);
    expect(() => w.run('scheduleOnce')).toThrow(TOO_MANY);
    w.run('deleteAll');
    expect(() => w.run('scheduleOnce')).not.toThrow();
  });

  it('a continuation that deletes the trigger found by its triggerUid leaves nothing behind', () => {
    const w = world(RECORDER);
    const g = w.globals(w.execution());
    const first = g.ScriptApp.newTrigger('continueAndClean').timeBased().after(1000).create();
    const other = g.ScriptApp.newTrigger('record').timeBased().everyHours(1).create();
    const [firstUid, otherUid] = [first.getUniqueId(), other.getUniqueId()];
    w.advanceTo(new Date('2026-03-02T08:10:00+01:00'));
    expect(runs(w)[0].event.triggerUid).toBe(firstUid);
    expect(w.triggersOf().map((t) => t.id)).toEqual([otherUid]);
  });
});

describe('the event object of a time-driven trigger', () => {
  it('carries triggerUid equal to the trigger\u2019s getUniqueId(), authMode and the time in UTC', () => {
    const w = world(RECORDER);
    const g = w.globals(w.execution());
    const daily = g.ScriptApp.newTrigger('record').timeBased().everyDays(1).atHour(7).create();
    const uid = daily.getUniqueId();
    const fired = w.advanceTo(new Date('2026-03-03T08:00:00+01:00'));
    expect(fired).toHaveLength(1);
    // Tuesday 3 March 2026, 07:00 in Paris = 06:00 UTC, ISO week 10.
    expect(runs(w)[0].event).toEqual({
      authMode: 'FULL',
      triggerUid: uid,
      year: 2026,
      month: 3,
      'day-of-month': 3,
      'day-of-week': 2,
      'week-of-year': 10,
      hour: 6,
      minute: 0,
      second: 0,
      timezone: 'UTC',
    });
    expect(fired[0].event.triggerUid).toBe(uid);
  });

  it('numbers Sunday 7 and the ISO week across a year boundary', () => {
    // Sunday 3 January 2027 belongs to ISO week 53 of 2026.
    const e = timeDrivenEvent('x', Date.UTC(2027, 0, 3, 12, 34, 56));
    expect(e).toMatchObject({ 'day-of-week': 7, 'week-of-year': 53, minute: 34, second: 56 });
  });
});

describe('triggers belong to the user who created them', () => {
  const OWNER = 'coordination@example.fr';
  const EDITOR = 'adjoint@example.fr';

  it('another editor neither lists nor deletes the owner\u2019s triggers, and has their own 20', () => {
    const w = world(RECORDER, { user: OWNER });
    const uid = w.run<string>('scheduleOnce').value;
    expect(w.run<string[]>('listMine', [], { user: EDITOR }).value).toEqual([]);
    w.run('deleteAll', [], { user: EDITOR });
    expect(w.run<string[]>('listMine').value).toEqual([uid]);
    for (let i = 0; i < 20; i++) w.run('scheduleOnce', [], { user: EDITOR });
    expect(() => w.run('scheduleOnce', [], { user: EDITOR })).toThrow(TOO_MANY);
    expect(w.triggersOf(OWNER)).toHaveLength(1);
    expect(w.triggersOf(EDITOR)).toHaveLength(20);
  });

  it('refuses to delete another user\u2019s trigger object', () => {
    const w = world(RECORDER, { user: OWNER });
    const mine = w.globals(w.execution()).ScriptApp.newTrigger('record').timeBased();
    const trigger = mine.after(1000).create();
    const other = w.globals(w.execution({ user: EDITOR }));
    expect(() => other.ScriptApp.deleteTrigger(trigger)).toThrow();
    expect(w.triggersOf(OWNER)).toHaveLength(1);
  });

  it('Session names the user of the execution, and a trigger runs as its owner', () => {
    const w = world(RECORDER, { user: OWNER });
    expect(w.run<string[]>('whoAmI').value).toEqual([OWNER, OWNER]);
    expect(w.run<string[]>('whoAmI', [], { user: EDITOR }).value).toEqual([EDITOR, EDITOR]);
    const uid = w.run<string>('scheduleOnce', [], { user: EDITOR }).value;
    w.advanceTo(new Date('2026-03-02T09:00:00+01:00'));
    const [run] = runs(w);
    expect(run).toMatchObject({ active: EDITOR, effective: EDITOR, listed: [uid] });
  });

  it('mail is sent by, and counted against, the user the execution runs as', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triggers-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), RECORDER);
    const w = new AppsScriptWorld({
      distDir: dir,
      scopes: ALL_SCOPES,
      user: OWNER,
      mailQuota: 3,
    });
    w.run('sendOne', [], { user: EDITOR });
    expect(w.outbox[0].from).toBe(EDITOR);
    expect(w.run<number>('mailQuota', [], { user: EDITOR }).value).toBe(2);
    expect(w.run<number>('mailQuota').value).toBe(3);
  });

  it('user properties are each user\u2019s own; the default user\u2019s are world.properties.user', () => {
    const w = world(RECORDER, { user: OWNER });
    w.run('rememberForMe', ['owner']);
    w.run('rememberForMe', ['editor'], { user: EDITOR });
    expect(w.run('recallForMe').value).toBe('owner');
    expect(w.run('recallForMe', [], { user: EDITOR }).value).toBe('editor');
    expect(w.properties.user.values.get('k')).toBe('owner');
    expect(w.userStore(EDITOR).properties.values.get('k')).toBe('editor');
  });
});
