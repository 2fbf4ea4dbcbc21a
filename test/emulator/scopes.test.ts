// Scopes: a manifest's oauthScopes are granted exactly; a manifest without them gets Google's
// automatic detection over the bundle's code, never everything.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppsScriptWorld, detectScopes } from '../../tools/emulator';

const S = 'https://www.googleapis.com/auth/';

function project(code: string, manifest: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scopes-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  return dir;
}

const CODE = `
function send() {
  SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue('ok');
  MailApp.sendEmail('a@ac-nancy-metz.fr', 's', 'b');
}
function sneakyTrigger() {
  // A computed name: the detection cannot see ScriptApp here.
  globalThis['Script' + 'App'].newTrigger('send').timeBased().after(1000).create();
}
`;

describe('detectScopes (Google\u2019s automatic detection)', () => {
  it('asks for the scope of each service the code names', () => {
    expect(detectScopes(CODE)).toEqual([`${S}spreadsheets`, `${S}script.send_mail`]);
    expect(
      detectScopes(
        'SpreadsheetApp.getUi().showSidebar(x); ScriptApp.newTrigger("f"); Session.getActiveUser();',
      ),
    ).toEqual([
      `${S}spreadsheets`,
      `${S}script.container.ui`,
      `${S}script.scriptapp`,
      `${S}userinfo.email`,
    ]);
    expect(detectScopes('UrlFetchApp.fetch(u); GmailApp.createDraft()')).toEqual([
      'https://mail.google.com/',
      `${S}script.external_request`,
    ]);
    expect(detectScopes('function f() { return 1; }')).toEqual([]);
  });

  it('narrows Sheets to the bound spreadsheet under @OnlyCurrentDoc', () => {
    expect(detectScopes(`/** @OnlyCurrentDoc */\n${CODE}`)).toEqual([
      `${S}spreadsheets.currentonly`,
      `${S}script.send_mail`,
    ]);
  });
});

describe('a world built on a project', () => {
  it('grants the detected scopes when the manifest has no oauthScopes, and refuses the rest', () => {
    const w = new AppsScriptWorld({
      distDir: project(CODE, { timeZone: 'Europe/Paris', runtimeVersion: 'V8' }),
    });
    expect(w.scopeSource).toBe('detected');
    expect(w.scopes).toEqual([`${S}spreadsheets`, `${S}script.send_mail`]);
    w.run('send');
    expect(w.outbox).toHaveLength(1);
    expect(() => w.run('sneakyTrigger')).toThrow(
      `Exception: You do not have permission to call ScriptApp.newTrigger. Required permissions: ${S}script.scriptapp`,
    );
    expect(w.triggers.triggers).toEqual([]);
  });

  it('grants exactly the manifest\u2019s oauthScopes when it lists them', () => {
    const w = new AppsScriptWorld({
      distDir: project(CODE, { oauthScopes: [`${S}spreadsheets.currentonly`] }),
    });
    expect(w.scopeSource).toBe('manifest');
    expect(w.scopes).toEqual([`${S}spreadsheets.currentonly`]);
    expect(() => w.run('send')).toThrow(
      `You do not have permission to call MailApp.sendEmail. Required permissions: ${S}script.send_mail`,
    );
  });

  it('refuses a malformed oauthScopes with a clear message', () => {
    const dir = project(CODE, { oauthScopes: 'spreadsheets' });
    expect(() => new AppsScriptWorld({ distDir: dir })).toThrow(
      '"oauthScopes" must be an array of scope URLs.',
    );
  });

  it('grants nothing without a manifest, and what a test gives when it gives scopes', () => {
    expect(new AppsScriptWorld({ distDir: '/nonexistent' })).toMatchObject({
      scopes: [],
      scopeSource: 'none',
    });
    expect(
      new AppsScriptWorld({ distDir: '/nonexistent', scopes: [`${S}script.send_mail`] }),
    ).toMatchObject({ scopes: [`${S}script.send_mail`], scopeSource: 'given' });
  });
});
