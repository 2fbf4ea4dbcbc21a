// The sample workbook: an initialised spreadsheet whose members sheet holds the fictional schools,
// as a coordinator would have it after entering the census.

import { MEMBERS_SHEET } from '../../src/core/sheets';
import { matchHeaders } from '../../src/core/schema';
import { AppsScriptWorld, type SpreadsheetModel } from '../emulator';
import { type SampleMember, sampleMembers } from './members';

export function memberCells(member: SampleMember): Record<string, string | number | Date> {
  const cells: Record<string, string | number | Date> = {
    dossier: String(member.dossier),
    uai: member.uai,
    name: member.name,
    commune: member.commune,
    status: member.status,
    email: member.email,
    dsState: member.dsState,
    depositDate: member.depositDate,
    convention: member.convention,
    signatureDate: member.signatureDate,
    signerPhone: member.signerPhone,
    wave: member.wave,
    comment: member.comment,
  };
  for (const [service, quantity] of Object.entries(member.quantities))
    cells[`qty_${service}`] = quantity;
  return cells;
}

/** Types the members into the members sheet, below its header, as the coordinator would. */
export function typeMembers(model: SpreadsheetModel, members: readonly SampleMember[]): void {
  const sheet = model.requireSheet(MEMBERS_SHEET.name);
  const header = sheet.values()[0] ?? [];
  const { positions } = matchHeaders(MEMBERS_SHEET, header);
  const first = sheet.lastRow() + 1;
  if (first + members.length > sheet.maxRows) sheet.maxRows = first + members.length;
  members.forEach((member, i) => {
    for (const [key, value] of Object.entries(memberCells(member))) {
      const column = positions.get(key);
      if (column !== undefined && value !== '') sheet.cell(first + i, column, true).value = value;
    }
  });
}

/**
 * A new spreadsheet initialised by the built bundle, holding sample members: by default the first
 * 56 of the 60 fictional schools (the sample export brings the others).
 */
export function sampleWorkbook(distDir: string, count = 56, seed = 2025): SpreadsheetModel {
  const world = new AppsScriptWorld({ distDir, now: new Date('2026-03-02T08:00:00+01:00') });
  world.run('initializeWorkbookFromMenu');
  typeMembers(world.spreadsheet, sampleMembers(60, seed).slice(0, count));
  world.spreadsheet.name = 'Exemple – groupement d’achats';
  return world.spreadsheet;
}
