// The scopes an emulated project is granted. A manifest that lists `oauthScopes` gets exactly
// those. A manifest without `oauthScopes` gets what Google's automatic detection would ask for:
// Apps Script scans the project's code for the services it references and requests their scopes
// (full Sheets access, unless a `@OnlyCurrentDoc` annotation narrows it to the bound sheet). The
// emulator never grants everything by default: a service the code does not visibly reference is
// refused with Google's permission message.

import * as fs from 'node:fs';
import * as path from 'node:path';

const SCOPE = 'https://www.googleapis.com/auth/';

/** What the detection looks for in the source, and the scope each finding requests. */
const DETECTED: ReadonlyArray<{ readonly uses: RegExp; readonly scope: string }> = [
  { uses: /\bSpreadsheetApp\b/, scope: `${SCOPE}spreadsheets` },
  {
    uses: /\bSpreadsheetApp\s*\.\s*getUi\b|\.showSidebar\b|\.showModalDialog\b|\.showModelessDialog\b/,
    scope: `${SCOPE}script.container.ui`,
  },
  { uses: /\bMailApp\b/, scope: `${SCOPE}script.send_mail` },
  { uses: /\bGmailApp\b/, scope: 'https://mail.google.com/' },
  {
    uses: /\bScriptApp\s*\.\s*(newTrigger|getProjectTriggers|deleteTrigger|getUserTriggers)\b/,
    scope: `${SCOPE}script.scriptapp`,
  },
  { uses: /\.\s*(getActiveUser|getEffectiveUser)\s*\(/, scope: `${SCOPE}userinfo.email` },
  { uses: /\bUrlFetchApp\b/, scope: `${SCOPE}script.external_request` },
  { uses: /\bDriveApp\b/, scope: `${SCOPE}drive` },
];

/** The scopes Google's automatic detection would request for `source` (the bundle's code). */
export function detectScopes(source: string): string[] {
  const scopes = DETECTED.filter((d) => d.uses.test(source)).map((d) => d.scope);
  if (/@OnlyCurrentDoc\b/.test(source)) {
    return scopes.map((s) =>
      s === `${SCOPE}spreadsheets` ? `${SCOPE}spreadsheets.currentonly` : s,
    );
  }
  return scopes;
}

export interface GrantedScopes {
  readonly scopes: readonly string[];
  /** Where they come from: the manifest's list, the detection, or nothing at all. */
  readonly source: 'manifest' | 'detected' | 'none';
}

/** The scopes of the built project in `distDir` (its appsscript.json and Code.js). */
export function projectScopes(distDir: string): GrantedScopes {
  const file = path.join(distDir, 'appsscript.json');
  if (!fs.existsSync(file)) return { scopes: [], source: 'none' };
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { oauthScopes?: unknown };
  if (manifest.oauthScopes !== undefined) {
    if (
      !Array.isArray(manifest.oauthScopes) ||
      manifest.oauthScopes.some((s) => typeof s !== 'string')
    ) {
      throw new Error(`${file}: "oauthScopes" must be an array of scope URLs.`);
    }
    return { scopes: manifest.oauthScopes as string[], source: 'manifest' };
  }
  const code = path.join(distDir, 'Code.js');
  const source = fs.existsSync(code) ? fs.readFileSync(code, 'utf8') : '';
  return { scopes: detectScopes(source), source: 'detected' };
}
