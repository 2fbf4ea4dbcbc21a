// The benchmark's row-by-row model of an operation, on the bundle's real calls: the emulator
// records the rows each matrix call spans, and the model makes every such call once per row (a
// getRange and the call), leaving whole-range formatting and every other call as they were.

import { exportRows, toCsv } from '../../tools/sample/ds-export';
import { sampleMembers } from '../../tools/sample/members';
import { rowByRow } from '../../tools/bench/naive';
import { newWorld } from '../helpers/world';

describe('bench: row-by-row equivalent', () => {
  it('costs each row of a matrix call as a getRange and a call, nothing else', () => {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    world.run('importDsCsv', [toCsv(exportRows(sampleMembers(20))), 'dossiers.csv']);
    const { execution } = world.run('validateCensus');
    const costs = Object.fromEntries(execution.costs);
    // The members read: the header and 20 rows, in one call.
    expect(costs['Adhérents › Range.getValues']).toMatchObject({ calls: 1, rows: 21 });
    const sheetCalls = execution.serviceCalls('SpreadsheetApp');
    const extra = Object.entries(costs)
      .filter(([key]) => /› Range\.(get|set)[A-Za-z]+s$/.test(key))
      .reduce((sum, [, c]) => sum + 2 * (c.rows - c.calls), 0);
    expect(extra).toBeGreaterThanOrEqual(2 * 20);
    const seconds = 1;
    const model = rowByRow(sheetCalls, seconds, costs);
    expect(model.sheetCalls).toBe(sheetCalls + extra);
    expect(model.simulatedSeconds).toBeCloseTo(seconds + extra * 0.0035, 1);

    // Formatting a whole column at once is what row-by-row scripts do too: not multiplied.
    const init = newWorld().run('initializeWorkbookFromMenu').execution;
    const initCosts = Object.fromEntries(init.costs);
    expect(initCosts['Adhérents › Range.setNumberFormat'].rows).toBeGreaterThan(900);
    const formatted = rowByRow(init.serviceCalls('SpreadsheetApp'), 4, {
      'Adhérents › Range.setNumberFormat': initCosts['Adhérents › Range.setNumberFormat'],
    });
    expect(formatted.sheetCalls).toBe(init.serviceCalls('SpreadsheetApp'));
  });
});
