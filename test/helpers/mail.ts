// Mail-merge test helpers: an initialised workbook with accepted members and their Suivi rows, a
// world on a copy of it, the ledger read by header, and the coordinator's edits of a shared sheet.

import { LEDGER_SHEET } from '../../src/core/workbook/ledger';
import { matchHeaders } from '../../src/core/schema';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import {
  AppsScriptWorld,
  type CellValue,
  type SheetModel,
  type SpreadsheetModel,
} from '../../tools/emulator';
import { setSettings } from '../../tools/sample/workbook';
import { GOOD_MEMBER } from './good-member';
import { initializedModel } from './initialized';
import { typeRows } from './members';
import { DIST, newWorld } from './world';

export const PROVIDERS = {
  'coordonnateur.email': 'coordination@groupement.example',
  'transmission.kercia': 'soumissionnement@kercia.example',
  'transmission.foxit': 'education@foxit.example',
  'transmission.yousign': 'marches-publics@yousign.example',
};

export function member(
  i: number,
  changes: Record<string, CellValue> = {},
): Record<string, CellValue> {
  const first7 = `054${String(1000 + i).padStart(4, '0')}`;
  const uai = first7 + 'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(first7) % 23];
  return {
    ...GOOD_MEMBER,
    dossier: String(18500000 + i),
    uai,
    name: `Collège numéro ${i}`,
    email: `ce.${uai.toLowerCase()}@ac-nancy-metz.fr`,
    ...changes,
  };
}

/** An initialised workbook with `count` accepted members, their tracking rows created. */
export function baseModel(
  count: number,
  changes: (i: number) => Record<string, CellValue> = () => ({}),
  settings: Readonly<Record<string, string>> = {},
): SpreadsheetModel {
  const world = newWorld({ spreadsheet: initializedModel() });
  setSettings(world.spreadsheet, { ...PROVIDERS, ...settings });
  typeRows(
    world,
    Array.from({ length: count }, (_, i) => member(i, changes(i))),
  );
  world.run('refreshTrackingFromMenu');
  return world.spreadsheet;
}

export const worldOn = (
  model: SpreadsheetModel,
  options: ConstructorParameters<typeof AppsScriptWorld>[0] = {},
) =>
  new AppsScriptWorld({
    distDir: DIST,
    now: new Date('2026-03-02T08:00:00+01:00'),
    spreadsheet: model.clone(),
    ...options,
  });

export function ledger(world: { spreadsheet: SpreadsheetModel }): Record<string, CellValue>[] {
  const values = world.spreadsheet.requireSheet(LEDGER_SHEET.name).values();
  const { positions } = matchHeaders(LEDGER_SHEET, values[0]);
  return values
    .slice(1)
    .map((line) => Object.fromEntries([...positions].map(([k, p]) => [k, line[p - 1]])));
}

/** The Suivi rows, by column key. */
export function trackingRows(world: {
  spreadsheet: SpreadsheetModel;
}): Record<string, CellValue>[] {
  const values = world.spreadsheet.requireSheet(TRACKING_SHEET.name).values();
  const { positions } = matchHeaders(TRACKING_SHEET, values[0]);
  return values
    .slice(1)
    .map((line) => Object.fromEntries([...positions].map(([k, p]) => [k, line[p - 1]])));
}

/** Sets one cell of a sheet, found by its column key and a predicate on the row. */
export function setCell(
  sheet: SheetModel,
  spec: Parameters<typeof matchHeaders>[0],
  where: (row: Record<string, CellValue>) => boolean,
  key: string,
  value: CellValue,
): number {
  const values = sheet.values();
  const { positions } = matchHeaders(spec, values[0]);
  let count = 0;
  values.slice(1).forEach((line, i) => {
    const row = Object.fromEntries([...positions].map(([k, p]) => [k, line[p - 1]]));
    if (where(row)) {
      sheet.cell(i + 2, positions.get(key) as number, true).value = value;
      count++;
    }
  });
  return count;
}

/** The coordinator sorts a sheet's data rows (here: reverses them), as "Trier Z → A" would. */
export function reverseRows(sheet: SheetModel): void {
  const last = sheet.lastRow();
  const data = sheet.rows.slice(1, last).reverse();
  sheet.rows.splice(1, last - 1, ...data);
}

/** Copies a data row below the last one, as a paste of the row would. */
export function pasteRowTwice(sheet: SheetModel, row: number): void {
  const copy = (sheet.rows[row - 1] ?? []).map((c) => (c ? { ...c } : c));
  sheet.rows[sheet.lastRow()] = copy;
}

/** Runs `edit` after the n-th message leaves (the coordinator working while a merge runs). */
export function duringSends(world: AppsScriptWorld, n: number, edit: () => void): void {
  const mail = world.mail as unknown as { consume: (r: number) => void };
  const original = mail.consume.bind(mail);
  let sent = 0;
  mail.consume = (recipients: number) => {
    original(recipients);
    sent++;
    if (sent === n) edit();
  };
}

/** Every convention row of the Suivi at « Formulaire envoyé » since `since` (a reminder is due). */
export function conventionFormSent(model: SpreadsheetModel, since: Date): void {
  const suivi = model.requireSheet(TRACKING_SHEET.name);
  const convention = (r: Record<string, CellValue>) => String(r.key).endsWith('|convention');
  setCell(suivi, TRACKING_SHEET, convention, 'step', 'Formulaire envoyé');
  setCell(suivi, TRACKING_SHEET, convention, 'stepDate', since);
}

/**
 * The « Envois » headers as the coordinators' workbooks hold them (written by hand, not read from
 * the spec: a test that builds an existing ledger with them notices when the spec drifts).
 */
export const LEDGER_HEADERS: readonly string[] = [
  'Identifiant',
  'Campagne',
  'Pour',
  'Destinataires',
  'Copie',
  'Objet',
  'Contenu',
  'Statut',
  'Heure',
  'Erreur',
  'Suivi mis à jour',
];

/** The model with an « Envois » sheet written by hand: LEDGER_HEADERS, then `rows`. */
export function withLedger(
  model: SpreadsheetModel,
  rows: readonly CellValue[][],
): SpreadsheetModel {
  const sheet = model.requireSheet('Envois');
  [LEDGER_HEADERS, ...rows].forEach((line, r) =>
    line.forEach((value, c) => (sheet.cell(r + 1, c + 1, true).value = value)),
  );
  return model;
}
