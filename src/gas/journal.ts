// The "Journal" sheet: every action appends when, who, what and how many. Entries are collected
// during the execution and written at the end in one call.

import { matchHeaders, numberFormatOf } from '../core/schema';
import { JOURNAL_SHEET } from '../core/workbook/journal';
import { plural } from '../core/text';
import { type CellValue, ensureRows, toCell } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface JournalEntry {
  readonly action: string;
  readonly detail: string;
  readonly count?: number;
}

export class Journal {
  private readonly entries: (JournalEntry & { when: Date })[] = [];

  add(action: string, detail: string, count?: number): void {
    this.entries.push({ when: new Date(), action, detail, count });
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Appends the collected entries; a missing journal sheet is reported in the log, not fatal. The
   * header is read to place each value under its column; one entry (the usual case) is appended by
   * appendRow, which finds the last row itself, several in one block below the last row.
   */
  flush(spreadsheet: Spreadsheet): void {
    if (this.entries.length === 0) return;
    const sheet = spreadsheet.getSheetByName(JOURNAL_SHEET.name);
    if (!sheet) {
      Logger.log(
        `Journal absent : ${plural(this.entries.length, 'entrée non écrite', 'entrées non écrites')}`,
      );
      return;
    }
    const header = sheet.getRange('1:1').getValues()[0];
    const { positions } = matchHeaders(JOURNAL_SHEET, header);
    const width = Math.max(0, ...positions.values());
    if (width === 0) return;
    const who = Session.getActiveUser().getEmail();
    const formats = new Map(JOURNAL_SHEET.columns.map((c) => [c.key, numberFormatOf(c.kind)]));
    const matrix = this.entries.map((entry) => {
      const line: CellValue[] = new Array(width).fill('');
      const cells: Record<string, CellValue> = {
        when: entry.when,
        who,
        action: entry.action,
        detail: entry.detail,
        count: entry.count ?? '',
      };
      for (const [key, position] of positions)
        line[position - 1] = toCell(cells[key], formats.get(key));
      return line;
    });
    if (matrix.length === 1) sheet.appendRow(matrix[0]);
    else {
      const lastRow = sheet.getLastRow();
      ensureRows(sheet, lastRow, matrix.length);
      sheet.getRange(lastRow + 1, 1, matrix.length, width).setValues(matrix);
    }
    this.entries.length = 0;
  }
}
