// The workbook as "Initialiser / réparer" leaves it on a fresh world, built once per test file (jest
// gives each file its own modules) and cloned for each use: initialising writes about 90,000 cells
// (formats over 1,000 rows × every column) and takes about a second, and it changes nothing but
// the spreadsheet (no property, trigger or mail), so a clone of it is what a new run would give.

import type { SpreadsheetModel } from '../../tools/emulator';
import { newWorld } from './world';

let initialized: SpreadsheetModel | undefined;

/** A copy of the initialised workbook (the clone shares each sheet's grid until it is touched). */
export function initializedModel(): SpreadsheetModel {
  if (!initialized) {
    const world = newWorld();
    world.run('initializeWorkbookFromMenu');
    initialized = world.spreadsheet;
  }
  return initialized.clone();
}
