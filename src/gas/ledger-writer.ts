// Writes the « Envois » ledger by message identity, never by a row number read earlier: before each
// write the rows are found again by their identity, so a sort, an insertion or a deletion during a
// run never puts a status on another message, and a row deleted during its send is written again.

import { UserError } from '../core/errors';
import { LEDGER_SHEET } from '../core/workbook/ledger';
import type { CellValue } from '../core/schema';
import { rawText } from '../core/text';
import { type Table, toCell } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const LEDGER_WRITER_TEXT = {
  deleted:
    'La ligne de ce message a été supprimée de la feuille Envois pendant l’envoi : elle est rétablie.',
} as const;

/**
 * The columns a status write spans: « Statut », « Heure » and « Erreur » go in one call, so they
 * must be adjacent.
 */
export function statusColumns(ledger: Table): { id: number; status: number } {
  const status = ledger.positions.get('status') as number;
  if (ledger.positions.get('time') !== status + 1 || ledger.positions.get('error') !== status + 2) {
    throw new UserError(
      `Feuille « ${LEDGER_SHEET.name} » : les colonnes « Statut », « Heure » et « Erreur » doivent se suivre. Lancez « Initialiser / réparer le classeur » sur un classeur neuf ou remettez-les dans cet ordre.`,
    );
  }
  return { id: ledger.positions.get('id') as number, status };
}

/** Where each identity is now (one read of the id column); an identity on two rows is left out. */
function rowsById(sheet: Sheet, idColumn: number): Map<string, number> {
  const rows = new Map<string, number>();
  const last = sheet.getLastRow();
  if (last < 2) return rows;
  const twice = new Set<string>();
  sheet
    .getRange(2, idColumn, last - 1, 1)
    .getValues()
    .forEach(([value], i) => {
      const id = rawText(value).trim();
      if (rows.has(id)) twice.add(id);
      rows.set(id, i + 2);
    });
  for (const id of twice) rows.delete(id); // a row pasted twice: write to neither
  return rows;
}

/**
 * Where each identity of the ledger is now: writes that follow other calls go to the rows found
 * here, never to row numbers read earlier.
 */
export const currentRows = (ledger: Table): Map<string, number> =>
  rowsById(ledger.sheet, ledger.positions.get('id') as number);

/**
 * Writes ledger statuses by message identity. Before each write the rows are found again by their
 * identity (one read of the expected rows' ids, the whole id column only when they moved). A
 * message's outcome waits, and goes out with the "envoi en cours" mark of the next message in one
 * call when their rows are adjacent.
 */
export class StatusWriter {
  private pending: { id: string; cells: CellValue[] } | undefined;
  private rows = new Map<string, number>();
  private readonly sheet: Sheet;
  private readonly idColumn: number;
  private readonly statusColumn: number;
  private readonly width: number;
  private readonly positions: ReadonlyMap<string, number>;

  /** `records`: the rows as read, to write a deleted row again. */
  constructor(
    ledger: Table,
    private readonly records: ReadonlyMap<string, Readonly<Record<string, CellValue>>>,
  ) {
    const columns = statusColumns(ledger);
    this.sheet = ledger.sheet;
    this.idColumn = columns.id;
    this.statusColumn = columns.status;
    this.positions = ledger.positions;
    this.width = Math.max(...ledger.positions.values());
    for (const r of ledger.rows) this.rows.set(rawText(r.cells.id).trim(), r.row);
  }

  /** The current rows of these identities (checked in one read when they are adjacent). */
  private locate(ids: readonly string[]): (number | undefined)[] {
    const expected = ids.map((id) => this.rows.get(id));
    const known = expected.filter((r): r is number => r !== undefined);
    if (known.length === ids.length) {
      const first = Math.min(...known);
      const last = Math.max(...known);
      if (last - first < ids.length) {
        const found = this.sheet.getRange(first, this.idColumn, last - first + 1, 1).getValues();
        if (ids.every((id, i) => rawText(found[(expected[i] as number) - first][0]).trim() === id))
          return expected;
      }
    }
    this.rows = rowsById(this.sheet, this.idColumn);
    return ids.map((id) => this.rows.get(id));
  }

  private write(row: number, lines: CellValue[][]): void {
    this.sheet.getRange(row, this.statusColumn, lines.length, 3).setValues(lines);
  }

  /** A row deleted during the run: written again at the end, with its outcome. */
  private restore(id: string, cells: CellValue[]): void {
    const record = this.records.get(id) ?? { id };
    const line: CellValue[] = new Array(this.width).fill('');
    for (const [key, position] of this.positions) line[position - 1] = toCell(record[key]);
    const status = this.positions.get('status') as number;
    line[status - 1] = cells[0];
    line[status] = cells[1];
    line[status + 1] = `${rawText(cells[2])} ${LEDGER_WRITER_TEXT.deleted}`.trim();
    const row = this.sheet.getLastRow() + 1;
    this.sheet.getRange(row, 1, 1, this.width).setValues([line]);
    this.rows.set(id, row);
  }

  private flushPending(): void {
    const waiting = this.pending;
    this.pending = undefined;
    if (!waiting) return;
    const [row] = this.locate([waiting.id]);
    if (row === undefined) this.restore(waiting.id, waiting.cells);
    else this.write(row, [waiting.cells]);
  }

  /**
   * Marks a message as being sent (with the waiting outcome when adjacent) and flushes before the
   * send. False when its row is gone: the message is then not sent.
   */
  start(id: string, cells: CellValue[]): boolean {
    const waiting = this.pending;
    if (waiting) {
      const [before, row] = this.locate([waiting.id, id]);
      if (before !== undefined && row !== undefined && before === row - 1) {
        this.pending = undefined;
        this.write(before, [waiting.cells, cells]);
        SpreadsheetApp.flush();
        return true;
      }
      this.flushPending();
    }
    const [row] = this.locate([id]);
    if (row === undefined) {
      SpreadsheetApp.flush();
      return false;
    }
    this.write(row, [cells]);
    SpreadsheetApp.flush();
    return true;
  }

  /** An outcome, written with the next start or at the end. */
  outcome(id: string, cells: CellValue[]): void {
    this.flushPending();
    this.pending = { id, cells };
  }

  finish(): void {
    this.flushPending();
  }
}
