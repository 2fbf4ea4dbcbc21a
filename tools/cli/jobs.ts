// The coordinator's jobs, run through the bundle's public functions exactly as the menus call them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppsScriptWorld, CellValue } from '../emulator';
import type { ImportOutcome } from '../../src/shared/api';
import type { CensusReport } from '../../src/features/census-validation';
import type { DashboardModel } from '../../src/core/dashboard';
import { IMPORT_SHEET } from '../../src/core/ds-import';
import { loadWorkbook } from '../workbook/xlsx';
import { PATHS } from '../../src/core/catalogue';
import { emlName, toEml } from '../mail/eml';

const oneLine = (text: string): string => text.replace(/\s*\n+\s*/g, ' ');

/** Opens the workbook and initialises or repairs it; returns a French summary line. */
export function initializeJob(world: AppsScriptWorld): string[] {
  world.open();
  const before = world.ui.dialogs.length;
  world.clickMenu('Initialiser / réparer le classeur');
  const report = world.ui.dialogs.slice(before).map((d) => oneLine(d.message));
  return [`Initialisation : ${report.join(' ')}`];
}

/** Reads an export file: CSV as text, XLSX as the rows of its "Dossiers" sheet (or its first). */
export async function readExport(file: string): Promise<{ csv?: string; rows?: CellValue[][] }> {
  if (/\.xlsx$/i.test(file)) {
    const book = await loadWorkbook(file);
    const sheet = book.sheet('Dossiers') ?? book.sheets[0];
    if (!sheet) throw new Error(`Le fichier ${file} ne contient aucune feuille.`);
    return { rows: sheet.values() };
  }
  if (/\.csv$/i.test(file)) return { csv: fs.readFileSync(file, 'utf8') };
  throw new Error(`Format d'export non reconnu : ${path.basename(file)} (CSV ou XLSX attendu).`);
}

/** Imports an export: a CSV goes through the sidebar's server function, an XLSX is pasted into "Import DS". */
export function importJob(
  world: AppsScriptWorld,
  fileName: string,
  data: { csv?: string; rows?: CellValue[][] },
): string[] {
  if (data.csv !== undefined) {
    const { value } = world.run<ImportOutcome>('importDsCsv', [data.csv, fileName]);
    return [`Import : ${value.lines.join(' ')}`];
  }
  const sheet = world.spreadsheet.requireSheet(IMPORT_SHEET.name);
  sheet.rows = [];
  (data.rows ?? []).forEach((line, r) =>
    line.forEach((value, c) => {
      if (value !== '') sheet.cell(r + 1, c + 1, true).value = value;
    }),
  );
  if (sheet.maxRows < sheet.rows.length) sheet.maxRows = sheet.rows.length;
  if (sheet.maxColumns < sheet.lastColumn()) sheet.maxColumns = sheet.lastColumn();
  const before = world.ui.dialogs.length;
  world.clickMenu('Importer la feuille « Import DS »');
  return [
    `Import : ${world.ui.dialogs
      .slice(before)
      .map((d) => oneLine(d.message))
      .join(' ')}`,
  ];
}

/** Validates the census; returns the report and a summary line. */
export function validateJob(world: AppsScriptWorld): { report: CensusReport; lines: string[] } {
  const { value: report } = world.run<CensusReport>('validateCensus');
  const s = report.summary;
  const codes = new Map<string, number>();
  for (const row of report.rows)
    for (const issue of row.issues) codes.set(issue.code, (codes.get(issue.code) ?? 0) + 1);
  const top = [...codes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
  return {
    report,
    lines: [
      `Validation : ${s.rows} recensement(s), ${s.ok} valide(s), ${s.warnings} à vérifier, ${s.blocking} bloquant(s).`,
      ...(top ? [`Anomalies les plus fréquentes : ${top}`] : []),
    ],
  };
}

/** Refreshes the tracking and the dashboard through the menu, and returns the dashboard's data. */
export function dashboardJob(world: AppsScriptWorld): { model: DashboardModel; lines: string[] } {
  world.clickMenu('Actualiser le suivi et le tableau de bord');
  const { value: model } = world.run<DashboardModel>('getDashboardData');
  const active = model.activeByService.map((s) => `${s.service} ${s.active}/${s.total}`).join(', ');
  return {
    model,
    lines: [
      `Tableau de bord : ${model.matrix.length} adhérent(s) suivis, ${model.late.length} élément(s) en retard.`,
      `Actifs : ${active}`,
    ],
  };
}

/**
 * The merges of the sample run: transmissions to providers (confirmed), then the instructions to the
 * members just transmitted and the convention form to those who have not signed. Every message of
 * the emulated outbox is written as an .eml file (nothing is really sent).
 */
export function mailJob(world: AppsScriptWorld, mailDir: string): string[] {
  const lines: string[] = [];
  const before = world.outbox.length;
  world.ui.answer('YES');
  const dialogs = world.ui.dialogs.length;
  world.clickMenu('Transmettre aux prestataires');
  const report = world.ui.dialogs
    .slice(dialogs)
    .filter((d) => d.kind === 'alert' && d.buttons === 'OK');
  lines.push(`Transmissions : ${report.map((d) => oneLine(d.message)).join(' ')}`);
  for (const path of PATHS) {
    const step = path.steps('Public')[1].label;
    const filter = {
      service: path.service,
      step: path.service === 'convention' ? path.steps('Public')[0].label : step,
    };
    try {
      const { value } = world.run<string[]>('startInstructions', [filter]);
      lines.push(`Instructions ${path.label} : ${value.join(' ')}`);
    } catch (error) {
      if (!/Aucun adhérent/.test(String((error as Error).message))) throw error;
    }
  }
  fs.mkdirSync(mailDir, { recursive: true });
  const sent = world.outbox.slice(before);
  for (const mail of sent) fs.writeFileSync(path.join(mailDir, emlName(mail)), toEml(mail));
  lines.push(
    `Messages écrits (rien n'est envoyé) : ${sent.length} fichier(s) .eml dans ${path.relative(process.cwd(), mailDir) || mailDir}`,
  );
  return lines;
}

/** The day's reminders (as the daily trigger runs them); every message written as an .eml file. */
export function remindersJob(world: AppsScriptWorld, mailDir: string): string[] {
  const before = world.outbox.length;
  const logs = world.logs.length;
  world.run('dailyReminders');
  const sent = world.outbox.slice(before);
  fs.mkdirSync(mailDir, { recursive: true });
  for (const mail of sent) fs.writeFileSync(path.join(mailDir, emlName(mail)), toEml(mail));
  const reminders = sent.filter((m) => !m.subject.includes('récapitulatif')).length;
  const digest = sent.length - reminders;
  return [
    `Relances du ${new Date(world.clock.now()).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })} : ${reminders} relance(s), ${digest} récapitulatif(s) au coordonnateur ; ${sent.length} fichier(s) .eml dans ${path.relative(process.cwd(), mailDir) || mailDir}${world.logs.length > logs ? ` (${world.logs.slice(logs).join(' ')})` : ''}`,
  ];
}
