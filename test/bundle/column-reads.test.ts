// Operations read only the Suivi and Envois columns they use (one read per run of adjacent
// columns), through the bundle: what they leave unread is never rewritten, rows are still found by
// key, and the daily run still sends nothing twice when the coordinator sorts the ledger mid-run.

import { MAIL_STATUS } from '../../src/core/ledger';
import { LEDGER_SHEET } from '../../src/core/workbook/ledger';
import { matchHeaders } from '../../src/core/schema';
import { MEMBERS_SHEET } from '../../src/core/workbook/members';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import {
  baseModel,
  conventionFormSent,
  duringSends,
  ledger,
  reverseRows,
  setCell,
  trackingRows,
  worldOn,
} from '../helpers/mail';

const cellsRead = (execution: { costs: Map<string, { cells: number }> }, sheet: string): number =>
  execution.costs.get(`${sheet} › Range.getValues`)?.cells ?? 0;

describe('reading only the columns an operation uses', () => {
  it('a refresh of an unchanged census reads fewer than 13 of the 20 Suivi columns and writes nothing there', () => {
    const world = worldOn(baseModel(8));
    const suivi = world.spreadsheet.requireSheet(TRACKING_SHEET.name);
    const rows = suivi.lastRow() - 1;
    const width = suivi.values()[0].length;
    expect(width).toBe(TRACKING_SHEET.columns.length);
    const again = world.run('refreshTrackingFromMenu').execution;
    expect(cellsRead(again, TRACKING_SHEET.name)).toBeGreaterThan(rows);
    expect(cellsRead(again, TRACKING_SHEET.name)).toBeLessThanOrEqual(width + rows * 12);
    expect(again.costs.get(`${TRACKING_SHEET.name} › Range.setValues`)).toBeUndefined();
  });

  it('a comment, the history and the reminder cells left unread are never rewritten', () => {
    const world = worldOn(baseModel(3));
    const suivi = world.spreadsheet.requireSheet(TRACKING_SHEET.name);
    const { positions } = matchHeaders(TRACKING_SHEET, suivi.values()[0]);
    const formulas = ['comment', 'reminderRule'].map((key) => {
      const cell = suivi.cell(2, positions.get(key) as number, true);
      cell.formula = '="gardé"';
      return cell;
    });
    world.run('refreshTrackingFromMenu');
    expect(formulas.map((c) => c.formula)).toEqual(['="gardé"', '="gardé"']);
  });

  it('a UAI corrected in the members sheet: the rows follow their dossier, their UAI column is rewritten', () => {
    const model = baseModel(2);
    const world = worldOn(model);
    const before = trackingRows(world).filter((r) => String(r.key).startsWith('0541000'));
    expect(before.length).toBeGreaterThan(1);
    const old = String(before[0].uai);
    const corrected = '0541002W';
    const members = world.spreadsheet.requireSheet(MEMBERS_SHEET.name);
    setCell(members, MEMBERS_SHEET, (r) => r.uai === old, 'uai', corrected);
    world.run('refreshTrackingFromMenu');
    const after = trackingRows(world);
    expect(after.filter((r) => String(r.key).startsWith(old))).toHaveLength(0);
    const moved = after.filter((r) => String(r.key).startsWith(corrected));
    expect(moved).toHaveLength(before.length);
    expect(moved.every((r) => r.uai === corrected)).toBe(true);
    // Service and provider follow the key's service, as before the correction.
    expect(moved.map((r) => [r.service, r.provider])).toEqual(
      before.map((r) => [r.service, r.provider]),
    );
  });
});

describe('the daily run under a sort of the ledger', () => {
  it('a sort of "Envois" between two sends of the daily run: nothing sent twice, each status on its own row', () => {
    const model = baseModel(6, () => ({ convention: 'En attente', signatureDate: '' }));
    conventionFormSent(model, new Date(2026, 1, 2));
    const world = worldOn(model, { now: new Date('2026-03-03T07:10:00+01:00') });
    world.run('toggleDailyRemindersFromMenu');
    duringSends(world, 2, () => reverseRows(world.spreadsheet.requireSheet(LEDGER_SHEET.name)));
    duringSends(world, 4, () => reverseRows(world.spreadsheet.requireSheet(LEDGER_SHEET.name)));
    const run = world.run('dailyReminders', [], { interactive: false }).execution;
    const reminders = world.outbox.filter((m) => m.to[0].startsWith('ce.'));
    expect(reminders).toHaveLength(6);
    expect(new Set(reminders.map((m) => m.to[0])).size).toBe(6);
    const rows = ledger(world);
    expect(rows.every((r) => r.status === MAIL_STATUS.sent)).toBe(true);
    expect(new Set(rows.map((r) => `${r.recipients}|${r.subject}`))).toEqual(
      new Set(world.outbox.map((m) => `${m.to.join(', ')}|${m.subject}`)),
    );
    // Per message: one check of its row and one write (with the next message's mark), one flush.
    expect(run.calls.get('SpreadsheetApp.flush')).toBe(world.outbox.length);
    world.run('dailyReminders', [], { interactive: false });
    expect(world.outbox.filter((m) => m.to[0].startsWith('ce.'))).toHaveLength(6);
  });
});
