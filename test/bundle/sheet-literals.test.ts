// Issue 12, points 11 and 12: text written to "Tableau de bord" is literal (a school name or a wave
// starting with "=" never becomes a live formula), and blank rows inserted into "Suivi" get no tool
// text.

import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import { DASHBOARD_SHEET } from '../../src/core/workbook/dashboard';
import type { CellValue } from '../../tools/emulator';
import { baseModel, trackingRows, worldOn } from '../helpers/mail';

describe('literal text and blank rows', () => {
  it('a school name or a wave starting with = stays text in the dashboard', () => {
    const name = '=IMPORTXML("https://example.org/x";"//a")';
    const wave = '=1+1';
    const model = baseModel(2, (i): Record<string, CellValue> => (i === 0 ? { name, wave } : {}));
    const world = worldOn(model);
    world.run('refreshTrackingFromMenu');
    const sheet = world.spreadsheet.requireSheet(DASHBOARD_SHEET.name);
    const formulas: string[] = [];
    const texts: unknown[] = [];
    for (let row = 1; row <= sheet.lastRow(); row++) {
      for (let column = 1; column <= 30; column++) {
        const cell = sheet.cell(row, column, false);
        if (cell?.formula) formulas.push(cell.formula);
        if (cell) texts.push(cell.value);
      }
    }
    expect(formulas).toEqual([]);
    expect(texts).toContain(name);
    expect(texts).toContain(wave);
  });

  it('blank rows inserted into Suivi stay blank after a refresh', () => {
    const model = baseModel(2);
    const sheet = model.requireSheet(TRACKING_SHEET.name);
    // The coordinator inserts two blank rows between the data rows.
    sheet.rows.splice(2, 0, [], []);
    const world = worldOn(model);
    world.run('refreshTrackingFromMenu');
    const rows = trackingRows(world);
    const blank = rows.slice(1, 3);
    expect(blank).toHaveLength(2);
    for (const row of blank) {
      expect(Object.values(row).filter((v) => v !== '' && v !== undefined && v !== null)).toEqual(
        [],
      );
    }
    const text = JSON.stringify(world.spreadsheet.requireSheet(TRACKING_SHEET.name).values());
    expect(text).not.toContain('Étape incohérente');
    expect(text).not.toContain('Clé de ligne inconnue');
  });
});
