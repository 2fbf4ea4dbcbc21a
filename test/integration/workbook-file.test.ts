// Workbook files: an emulated spreadsheet saved to .xlsx and loaded back keeps what the tool uses.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { loadWorkbook, saveWorkbook } from '../../tools/workbook/xlsx';
import { sampleWorkbook } from '../../tools/sample/workbook';
import { workbookPicture } from '../helpers/snapshot';
import { DIST } from '../helpers/world';
import { SpreadsheetModel } from '../../tools/emulator';

describe('xlsx files', () => {
  it('round-trips values, dates, notes, fills, bold, formats, frozen rows, widths and dropdowns', async () => {
    const model = sampleWorkbook(DIST, 20);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wb-')), 'classeur.xlsx');
    await saveWorkbook(model, file);
    const loaded = await loadWorkbook(file);
    const strip = (m: SpreadsheetModel) =>
      (
        workbookPicture(m) as {
          name: string;
          frozenRows: number;
          tabColor: string | null;
          cells: unknown;
        }[]
      ).map(({ name, frozenRows, tabColor, cells }) => ({ name, frozenRows, tabColor, cells }));
    expect(strip(loaded)).toEqual(strip(model));
    const members = loaded.requireSheet('Adhérents');
    expect(members.value(2, 8)).toBeInstanceOf(Date);
    expect((members.value(2, 8) as Date).getTime()).toBe(
      (model.requireSheet('Adhérents').value(2, 8) as Date).getTime(),
    );
    expect(members.cell(3, 5)?.validation?.values).toEqual(['Public', 'Privé']);
    expect(members.columnWidths.get(3)).toBe(model.requireSheet('Adhérents').columnWidths.get(3));
  });

  it('keeps the wall-clock date of the file in Europe/Paris', async () => {
    const model = new SpreadsheetModel();
    const sheet = model.addSheet('Dates');
    sheet.cell(1, 1, true).value = new Date('2025-08-28T00:00:00+02:00');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wb-')), 'dates.xlsx');
    await saveWorkbook(model, file);
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.readFile(file);
    expect((raw.getWorksheet('Dates')?.getCell('A1').value as Date).toISOString()).toBe(
      '2025-08-28T00:00:00.000Z',
    );
  });
});
