// The coordinator's jobs, run through the bundle's public functions exactly as the menus call them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { wallClock, type AppsScriptWorld, type CellValue, type SentMail } from '../emulator';
import { CliError, shown } from './files';
import type { DsSyncResult, FormResult, ImportOutcome } from '../../src/shared/api';
import type { CensusReport } from '../../src/features/census-validation';
import type { DashboardModel } from '../../src/core/dashboard';
import { loadWorkbook } from '../workbook/xlsx';
import { PATHS } from '../../src/core/catalogue';
import { csvText } from '../../src/core/csv';
import { plural } from '../../src/core/text';
import { emlName, toEml } from '../mail/eml';

/** Files of a run's mails folder. */
export type MailFiles = { name: string; data: string }[];

const emlFiles = (mails: readonly SentMail[]): MailFiles =>
  mails.map((mail) => ({ name: emlName(mail), data: toEml(mail) }));

const oneLine = (text: string): string => text.replace(/\s*\n+\s*/g, ' ');

/** Opens the workbook and initialises or repairs it; returns a French summary line. */
export function initializeJob(world: AppsScriptWorld): string[] {
  world.open();
  const before = world.ui.dialogs.length;
  world.clickMenu('Initialiser / réparer le classeur');
  const report = world.ui.dialogs.slice(before).map((d) => oneLine(d.message));
  return [`Initialisation : ${report.join(' ')}`];
}

/** Reads an export file as CSV text: a CSV as it is, an XLSX from its "Dossiers" sheet (or its first). */
export async function readExport(file: string): Promise<string> {
  if (/\.xlsx$/i.test(file)) {
    const book = await loadWorkbook(file);
    const sheet = book.sheet('Dossiers') ?? book.sheets[0];
    if (!sheet || sheet.lastRow() === 0)
      throw new CliError(
        `${shown(file)} ne contient aucune ligne : exportez de nouveau les dossiers depuis démarches simplifiées.`,
      );
    return rowsToCsv(sheet.values(), book.timeZone);
  }
  return fs.readFileSync(file, 'utf8');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Rows of cells as CSV text (";"), dates written as the export writes them, in the file's zone. */
export function rowsToCsv(rows: readonly (readonly CellValue[])[], timeZone: string): string {
  const text = (value: CellValue): string => {
    if (!(value instanceof Date)) return String(value);
    const p = wallClock.parts(value, timeZone);
    return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  };
  return csvText(
    rows.map((r) => r.map(text)),
    ';',
  );
}

/** Imports an export through the sidebar's server function; a refused file stops the command. */
export function importJob(world: AppsScriptWorld, file: string, csv: string): string[] {
  try {
    const { value } = world.run<ImportOutcome>('importDsCsv', [csv, path.basename(file)]);
    return [`Import : ${value.lines.join(' ')}`];
  } catch (error) {
    throw new CliError(
      `Import de ${shown(file)} impossible : ${oneLine((error as Error).message)} Le classeur n’a pas été modifié.`,
    );
  }
}

/** Validates the census; returns the report and a summary line. */
export function validateJob(world: AppsScriptWorld): { report: CensusReport; lines: string[] } {
  const { value: report } = world.run<CensusReport>('validateCensus');
  const s = report.summary;
  // Anomalies grouped by cause, in words: the head of each rule's message (its quoted values
  // replaced by « … » when they differ from one row to another).
  const causes = new Map<string, { count: number; severity: string; texts: Set<string> }>();
  for (const row of report.rows)
    for (const issue of row.issues) {
      const cause = causes.get(issue.code) ?? {
        count: 0,
        severity: issue.severity,
        texts: new Set<string>(),
      };
      cause.count++;
      cause.texts.add(issue.message.split(/ : |\. /)[0]);
      causes.set(issue.code, cause);
    }
  const byCause = [...causes.values()]
    .sort((a, b) => b.count - a.count)
    .map((c) => {
      const [first] = c.texts;
      const text = c.texts.size > 1 ? first.replace(/« [^»]* »/g, '« … »') : first;
      return `  ${c.count} × ${text} (${c.severity})`;
    });
  return {
    report,
    lines: [
      `Validation : ${plural(s.rows, 'recensement')}, ${plural(s.ok, 'valide')}, ${s.warnings} à vérifier, ${plural(s.blocking, 'bloquant')}.`,
      ...(byCause.length ? ['Anomalies par cause :', ...byCause] : []),
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
      `Tableau de bord : ${plural(model.matrix.length, 'adhérent suivi', 'adhérents suivis')}, ${plural(model.late.length, 'élément')} en retard.`,
      `Actifs : ${active}`,
    ],
  };
}

/**
 * The merges: transmissions to providers (confirmed), then the instructions to the members just
 * transmitted and the convention form to those who have not signed. Every message of the emulated
 * outbox becomes an .eml file of the run's mails folder (nothing is really sent).
 */
export function mailJob(world: AppsScriptWorld): { lines: string[]; files: MailFiles } {
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
    // The members' first step: after the coordinator's transmission when there is one (by id:
    // public and private TPE schools have their own first step).
    const steps = path.steps('Public');
    const filter = {
      service: path.service,
      step: (steps[0].completedBy === 'transmission' ? steps[1] : steps[0]).id,
    };
    try {
      const { value } = world.run<string[]>('startInstructions', [filter]);
      lines.push(`Instructions ${path.label} : ${value.join(' ')}`);
    } catch (error) {
      if (!/Aucun adhérent/.test(String((error as Error).message))) throw error;
    }
  }
  const sent = world.outbox.slice(before);
  lines.push(`Messages écrits (rien n’est envoyé) : ${plural(sent.length, 'fichier')} .eml`);
  return { lines, files: emlFiles(sent) };
}

/** The day's reminders (as the daily trigger runs them); every message becomes an .eml file. */
export function remindersJob(world: AppsScriptWorld): { lines: string[]; files: MailFiles } {
  const before = world.outbox.length;
  const logs = world.logs.length;
  world.run('dailyReminders');
  const sent = world.outbox.slice(before);
  const reminders = sent.filter((m) => !m.subject.includes('récapitulatif')).length;
  const digest = sent.length - reminders;
  const day = new Date(world.clock.now()).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
  const log = world.logs.length > logs ? ` (${world.logs.slice(logs).join(' ')})` : '';
  return {
    lines: [
      `Relances du ${day} : ${plural(reminders, 'relance')}, ${plural(digest, 'récapitulatif')} au coordonnateur ; ${plural(sent.length, 'fichier')} .eml${log}`,
    ],
    files: emlFiles(sent),
  };
}

export interface SyncOptions {
  readonly demarche: string;
  readonly url: string;
  readonly token: string;
  /** Against the real platform: a rate-limit pause is waited for in real time. */
  readonly realTime: boolean;
}

/** Waits without a timer (the command line is synchronous between its files). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Saves the connection through the page's function (the token in the emulated user properties,
 * gone with the process), then syncs; a pause (rate limit) is waited out and the sync resumed.
 */
export function syncJob(world: AppsScriptWorld, options: SyncOptions): string[] {
  const saved = world.callFromClient('saveDsConnection', [
    { demarche: options.demarche, url: options.url, token: options.token, beforeReminders: false },
  ]) as FormResult;
  if (!saved.ok) throw new CliError(Object.values(saved.errors).join(' '), 2);
  const lines: string[] = [];
  for (let round = 0; round < 30; round++) {
    let result: DsSyncResult;
    try {
      result = world.callFromClient('syncDsNow') as DsSyncResult;
    } catch (error) {
      const message = oneLine((error as Error).message).replace(/ Rien n'a été modifié\.$/, '');
      throw new CliError(
        `Synchronisation impossible : ${message} Le classeur de travail n’a pas été modifié.`,
      );
    }
    if (result.done) return [...lines, `Synchronisation : ${result.lines.join(' ')}`];
    lines.push(`Synchronisation en pause : ${result.lines.join(' ')}`);
    const next = world
      .triggersOf()
      .filter((t) => t.handler === 'continueDsSync' && t.nextAt !== undefined)
      .map((t) => t.nextAt as number)[0];
    const wait = Math.max(0, (next ?? world.clock.now()) - world.clock.now());
    if (options.realTime) sleep(wait);
    world.clock.advance(wait);
  }
  throw new CliError(
    'Synchronisation interrompue : démarches simplifiées limite encore les appels après 30 reprises. Réessayez plus tard ; le classeur de travail n’a pas été modifié.',
  );
}
