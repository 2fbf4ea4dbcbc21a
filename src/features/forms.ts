// The data-entry forms' server side: every input is checked again here, written through the table
// adapter (text stays text: "=1+1" never becomes a formula), under the document lock.

import { type TrackedService, PATHS } from '../core/catalogue';
import { REQUESTS_SHEET } from '../core/workbook/requests';
import type { CellValue } from '../core/schema';
import { SERVICES } from '../core/services';
import { isEmailAddress } from '../core/settings';
import { CONVENTION_STATES, MEMBERS_SHEET, SCHOOL_STATUSES } from '../core/workbook/members';
import { rawText } from '../core/text';
import { stepsFor } from '../core/tracking';
import { TRACKING_SHEET } from '../core/workbook/tracking';
import { checkUai } from '../core/uai';
import type { FormResult, MemberChoices, MemberForm, RequestForm } from '../shared/api';
import { Journal } from '../gas/journal';
import { withDocumentLock } from '../gas/lock';
import { UserError } from '../core/errors';
import { appendRecords, changedCells, readTable, writeRowCells } from '../gas/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LIMIT = 300;
const text = (value: unknown): string =>
  String(value ?? '')
    .trim()
    .slice(0, LIMIT);

function uaiError(raw: string): string | undefined {
  const check = checkUai(raw);
  if (check.problem === 'empty') return 'Saisissez le code UAI (7 caractères et une lettre).';
  if (check.problem === 'format')
    return `« ${raw.slice(0, 20)} » n’est pas un UAI : 7 chiffres suivis d’une lettre (ex. 0540015Y).`;
  if (check.problem === 'checkLetter')
    return `Lettre de contrôle incorrecte : pour ${check.normalized.slice(0, 7)}, la lettre attendue est ${check.expectedLetter}.`;
  return undefined;
}

export function findMember(
  spreadsheet: Spreadsheet,
  uai: string,
): (MemberForm & { row: number }) | null {
  const check = checkUai(uai);
  if (check.problem) return null;
  const table = readTable(spreadsheet, MEMBERS_SHEET);
  const row = table.rows.find((r) => checkUai(r.cells.uai).normalized === check.normalized);
  if (!row) return null;
  const c = row.cells;
  return {
    row: row.row,
    uai: check.normalized,
    name: rawText(c.name),
    commune: rawText(c.commune),
    status: rawText(c.status),
    email: rawText(c.email),
    wave: rawText(c.wave),
    convention: rawText(c.convention),
    quantities: Object.fromEntries(SERVICES.map((s) => [s.id, rawText(c[`qty_${s.id}`])])),
  };
}

export function saveMember(spreadsheet: Spreadsheet, form: MemberForm): FormResult {
  const errors: Record<string, string> = {};
  const uai = text(form?.uai);
  const problem = uaiError(uai);
  if (problem) errors.uai = problem;
  const name = text(form?.name);
  if (name === '') errors.name = 'Saisissez le nom de l’établissement.';
  const email = text(form?.email);
  if (email !== '' && !isEmailAddress(email))
    errors.email = `« ${email} » n’est pas une adresse électronique valide.`;
  const status = text(form?.status);
  if (status !== '' && !(SCHOOL_STATUSES as readonly string[]).includes(status))
    errors.status = 'Choisissez Public ou Privé.';
  const convention = text(form?.convention);
  if (convention !== '' && !(CONVENTION_STATES as readonly string[]).includes(convention))
    errors.convention = 'Choisissez un état de convention de la liste.';
  const quantities: Record<string, CellValue> = {};
  for (const service of SERVICES) {
    const raw = text(form?.quantities?.[service.id]);
    if (raw === '') quantities[`qty_${service.id}`] = '';
    else if (/^\d{1,4}$/.test(raw)) quantities[`qty_${service.id}`] = Number(raw);
    else
      errors[`qty_${service.id}`] =
        `${service.label} : saisissez un nombre entier positif (ou laissez vide).`;
  }
  if (Object.keys(errors).length > 0) {
    return {
      ok: false,
      message: 'Rien n’a été enregistré : corrigez les champs signalés.',
      errors,
    };
  }
  const normalized = checkUai(uai).normalized;
  const cells: Record<string, CellValue> = {
    uai: normalized,
    name,
    commune: text(form.commune),
    status,
    email,
    wave: text(form.wave),
    convention,
    ...quantities,
  };
  return withDocumentLock(() => {
    const table = readTable(spreadsheet, MEMBERS_SHEET);
    const existing = table.rows.find((r) => checkUai(r.cells.uai).normalized === normalized);
    let message: string;
    if (existing) {
      // Only the fields that changed: a formula in an unchanged cell stays a formula.
      writeRowCells(table, existing.row, changedCells(existing.cells, cells));
      message = `Adhérent ${normalized} mis à jour (ligne ${existing.row}).`;
    } else {
      appendRecords(table, [cells]);
      message = `Adhérent ${normalized} ajouté (ligne ${table.rows.length + 2}).`;
    }
    const journal = new Journal();
    journal.add('Formulaire Adhérent', message, 1);
    journal.flush(spreadsheet);
    return { ok: true, message, errors: {} };
  });
}

export function stepChoices(spreadsheet: Spreadsheet, uai: string): MemberChoices {
  const check = checkUai(uai);
  if (check.problem) throw new UserError(uaiError(uai) as string);
  const member = findMember(spreadsheet, check.normalized);
  const tracking = readTable(spreadsheet, TRACKING_SHEET).rows.filter(
    (r) => rawText(r.cells.uai) === check.normalized,
  );
  if (tracking.length === 0) {
    throw new UserError(
      `Aucun suivi pour ${check.normalized} : le recensement est-il accepté ? Lancez « Actualiser le suivi et le tableau de bord ».`,
    );
  }
  return {
    name: member?.name ?? '',
    services: tracking.map((row) => {
      const service = rawText(row.cells.key).split('|')[1] as TrackedService;
      const path = PATHS.find((p) => p.service === service);
      return {
        id: service,
        label: path?.label ?? service,
        steps: stepsFor(service, row.cells.schoolStatus).map((s) => ({ id: s.id, label: s.label })),
        current: rawText(row.cells.step),
      };
    }),
  };
}

export function saveRequest(spreadsheet: Spreadsheet, form: RequestForm): FormResult {
  const errors: Record<string, string> = {};
  const uai = text(form?.uai);
  const problem = uaiError(uai);
  if (problem) errors.uai = problem;
  const subject = text(form?.subject);
  if (subject === '') errors.subject = 'Saisissez l’objet de la demande.';
  const status = text(form?.status) || 'En attente';
  if (!['En attente', 'Répondu', 'Classée'].includes(status))
    errors.status = 'Choisissez un statut de la liste.';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(form?.date));
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
  if (!date || date.getDate() !== Number(m?.[3])) errors.date = 'Saisissez une date valide.';
  if (Object.keys(errors).length > 0)
    return {
      ok: false,
      message: 'Rien n’a été enregistré : corrigez les champs signalés.',
      errors,
    };
  return withDocumentLock(() => {
    const table = readTable(spreadsheet, REQUESTS_SHEET);
    appendRecords(table, [
      { date, uai: checkUai(uai).normalized, subject, status, answeredOn: '' },
    ]);
    const message = `Demande de ${checkUai(uai).normalized} enregistrée (ligne ${table.rows.length + 2}).`;
    const journal = new Journal();
    journal.add('Formulaire Demande', message, 1);
    journal.flush(spreadsheet);
    return { ok: true, message, errors: {} };
  });
}
