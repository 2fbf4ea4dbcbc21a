// Applies to the « Suivi » what the messages sent since the last run do (core/sent-effects.ts), once
// each: run before anything is planned, so that a run killed between a send and its effect never
// leads to a resend. Reads the ledger and the Suivi columns it needs, writes only the cells that
// change, then marks the ledger rows found again by their identity.

import { startOfDay } from '../core/calendar';
import { LEDGER_SHEET } from '../core/workbook/ledger';
import { columnKeys } from '../core/schema';
import { pendingEffects, trackingEffects } from '../core/sent-effects';
import { TRACKING_SHEET } from '../core/workbook/tracking';
import { currentRows } from '../gas/ledger-writer';
import { readColumns, updateCells } from '../gas/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The ledger columns the effects of sent messages need. */
const EFFECT_LEDGER_KEYS = ['id', 'content', 'status', 'effect'];
/** The Suivi columns the effects of sent messages read and write. */
const EFFECT_TRACKING_KEYS = [
  'key',
  'uai',
  'schoolStatus',
  'step',
  'stepDate',
  'reminderRule',
  'reminderCount',
  'reminderLast',
];

/**
 * Applies the effects still to apply and marks their ledger rows. Returns the number of Suivi rows
 * moved to another step (they need a refresh).
 */
export function applyEffects(spreadsheet: Spreadsheet): number {
  const ledger = readColumns(
    spreadsheet,
    LEDGER_SHEET,
    EFFECT_LEDGER_KEYS,
    columnKeys(LEDGER_SHEET),
  );
  const due = pendingEffects(ledger.rows);
  if (due.length === 0) return 0;
  // The history gets a line only when a step moves: reminders alone leave it unread.
  const movesSteps = due.some((d) => d.message.kind !== 'reminder');
  const tracking = readColumns(
    spreadsheet,
    TRACKING_SHEET,
    movesSteps ? [...EFFECT_TRACKING_KEYS, 'history'] : EFFECT_TRACKING_KEYS,
    columnKeys(TRACKING_SHEET),
  );
  const day = startOfDay(new Date());
  const { updates, moved } = trackingEffects(
    due.map((d) => d.message),
    tracking.rows,
    day,
  );
  updateCells(
    tracking,
    updates.filter((u) => tracking.positions.has(u.key)),
  );
  const rows = currentRows(ledger);
  updateCells(
    ledger,
    due.flatMap((d) => {
      const row = rows.get(d.id);
      return row === undefined ? [] : [{ row, key: 'effect', value: 'oui' }];
    }),
  );
  return moved;
}
