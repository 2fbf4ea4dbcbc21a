// Test helpers: an emulated project on the built bundle, and Apps Script globals for in-process
// tests of the adapters.

import * as path from 'node:path';
import { AppsScriptWorld, type Execution, type WorldOptions } from '../../tools/emulator';

export const DIST = path.resolve(__dirname, '../../dist');

export function newWorld(options: WorldOptions = {}): AppsScriptWorld {
  return new AppsScriptWorld({
    distDir: DIST,
    now: new Date('2026-03-02T08:00:00+01:00'),
    ...options,
  });
}

/** Installs one execution's services as globals of this test process; returns the execution. */
export function installGlobals(world: AppsScriptWorld): Execution {
  const exec = world.execution();
  Object.assign(globalThis, world.globals(exec));
  return exec;
}

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActive();
}
