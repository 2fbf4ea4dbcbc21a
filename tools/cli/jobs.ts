// The coordinator's jobs, run through the bundle's public functions exactly as the menus call them.

import type { AppsScriptWorld } from '../emulator';

/** Opens the workbook, initialises or repairs it, and returns a French summary. */
export function runMainJob(world: AppsScriptWorld): string[] {
  world.open();
  const before = world.ui.dialogs.length;
  const run = world.clickMenu('Initialiser / réparer le classeur');
  const report = world.ui.dialogs.slice(before).map((d) => d.message);
  const members = world.spreadsheet.sheet('Adhérents');
  return [
    `Initialisation : ${report.join(' ').replace(/\n+/g, ' ')}`,
    `Feuilles : ${world.spreadsheet.sheets.map((s) => s.name).join(', ')}`,
    `Adhérents : ${members ? Math.max(0, members.lastRow() - 1) : 0} ligne(s)`,
    `Appels Apps Script : ${run.execution.total}`,
  ];
}
