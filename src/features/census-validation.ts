// "Valider les recensements": reads the members sheet once, validates every row in the core, then
// writes the status and anomalies columns and the marks on offending cells, each in one call.

import type { Settings } from '../core/settings';
import {
  type CensusContext,
  type CensusSummary,
  type Issue,
  issuesText,
  RULES,
  type RowResult,
  STATUS_LABELS,
  summarize,
  validateCensus,
} from '../core/census';
import { applyMark, type CellMark } from '../core/marks';
import type { CellValue } from '../core/schema';
import { MEMBERS_SHEET } from '../core/workbook/members';
import { columnLetter, formatNumberFr, plural } from '../core/text';
import type { ValidationGroup, ValidationSummary } from '../shared/api';
import { Journal } from '../gas/journal';
import { withDocumentLock } from '../gas/lock';
import { loadSettings, settingsWithReport } from '../gas/settings-store';
import { UserError } from '../core/errors';
import { isBlankRow, readTable, type Table, writeColumns } from '../gas/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const VALIDATION_TEXT = {
  title: 'Valider les recensements',
  journalAction: 'Validation des recensements',
  summary: (s: CensusSummary) =>
    `${plural(s.rows, 'recensement')} : ${plural(s.ok, 'valide')}, ${formatNumberFr(s.warnings)} à vérifier, ${plural(s.blocking, 'bloquant')}.`,
  empty: 'Aucun recensement dans la feuille « Adhérents ».',
  tooMany: (rows: number) =>
    `La feuille « ${MEMBERS_SHEET.name} » compte ${rows} lignes remplies, au-delà des ${MAX_VALIDATION_ROWS} qu'une validation contrôle sans risquer la limite de 6 minutes d'Apps Script : rien n'a été écrit. Déplacez les lignes des campagnes passées dans une autre feuille (par exemple « Adhérents 2024 »), puis relancez la validation.`,
} as const;

/** Members one validation handles within an execution (about 10 s per 1,000 in the benchmark). */
export const MAX_VALIDATION_ROWS = 20_000;

/** The JSON report of the command line (documented in README). */
export interface CensusReport {
  readonly summary: CensusSummary;
  readonly rows: readonly {
    readonly row: number;
    readonly uai: string;
    readonly status: RowResult['status'];
    readonly issues: readonly { code: string; severity: string; column: string; message: string }[];
  }[];
}

const headerOf = (key: string): string =>
  MEMBERS_SHEET.columns.find((c) => c.key === key)?.header ?? key;

/** The census rules' context from settings already read. */
export function censusContextOf(settings: Settings): CensusContext {
  return {
    departements: settings.get('groupement.departements'),
    domain: settings.get('groupement.domaine'),
    maxQuantity: settings.get('quantite.max'),
  };
}

/** Reads and validates the members; `settingsOf` reads the settings once the members are read. */
function validate(
  spreadsheet: Spreadsheet,
  settingsOf: () => Settings = () => loadSettings(spreadsheet).settings,
): { table: Table; results: RowResult[] } {
  const table = readTable(spreadsheet, MEMBERS_SHEET);
  const filled = table.rows.filter((r) => !isBlankRow(r)).length;
  if (filled > MAX_VALIDATION_ROWS) throw new UserError(VALIDATION_TEXT.tooMany(filled));
  const results = validateCensus(table.rows, censusContextOf(settingsOf()));
  return { table, results };
}

/** Marks per cell: the worst severity and every message about that cell. */
function cellMarks(table: Table, results: readonly RowResult[]): Map<string, CellMark> {
  const marks = new Map<string, { severity: Issue['severity']; messages: string[] }>();
  for (const result of results) {
    for (const issue of result.issues) {
      const column = table.positions.get(issue.column) as number;
      const key = `${result.row}:${column}`;
      const mark = marks.get(key) ?? { severity: 'avertissement', messages: [] };
      if (issue.severity === 'bloquant') mark.severity = 'bloquant';
      mark.messages.push(`[${issue.code}] ${issue.message}`);
      marks.set(key, mark);
    }
  }
  return marks;
}

/**
 * Rewrites notes and colours of the data area: previous marks removed, new marks set. Only the
 * rectangle around the cells that change is written; a validation that changes nothing writes none.
 */
function writeMarks(table: Table, results: readonly RowResult[]): void {
  const rows = table.rows.length;
  const width = Math.max(table.lastColumn, ...table.positions.values());
  if (rows === 0 || width === 0) return;
  const range = table.sheet.getRange(2, 1, rows, width);
  const notes = range.getNotes();
  const backgrounds = range.getBackgrounds();
  const marks = cellMarks(table, results);
  // The rectangle around the cells whose note or colour changes: only it is written back.
  let top = rows;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) {
      const cell = applyMark(
        { note: notes[r][c], background: backgrounds[r][c] },
        marks.get(`${r + 2}:${c + 1}`),
      );
      if (cell.note === notes[r][c] && cell.background === backgrounds[r][c]) continue;
      notes[r][c] = cell.note;
      backgrounds[r][c] = cell.background;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  if (bottom < 0) return;
  const within = <T>(matrix: T[][]): T[][] =>
    matrix.slice(top, bottom + 1).map((line) => line.slice(left, right + 1));
  const changed = table.sheet.getRange(2 + top, 1 + left, bottom - top + 1, right - left + 1);
  changed.setNotes(within(notes));
  changed.setBackgrounds(within(backgrounds));
}

export function toReport(results: readonly RowResult[]): CensusReport {
  return {
    summary: summarize(results),
    rows: results.map((r) => ({
      row: r.row,
      uai: r.uai,
      status: r.status,
      issues: r.issues.map((i) => ({
        code: i.code,
        severity: i.severity,
        column: headerOf(i.column),
        message: i.message,
      })),
    })),
  };
}

export function runCensusValidation(spreadsheet: Spreadsheet): CensusReport {
  return withDocumentLock(() => {
    // Paramètres read once: for the rules' context and for the configuration report.
    let configurationLines: readonly string[] = [];
    const { table, results } = validate(spreadsheet, () => {
      const configuration = settingsWithReport(spreadsheet);
      configurationLines = configuration.report;
      return configuration.settings;
    });
    const byRow = new Map(results.map((r) => [r.row, r]));
    const status: CellValue[] = table.rows.map((row) => {
      const result = byRow.get(row.row);
      return result ? STATUS_LABELS[result.status] : '';
    });
    const issues: CellValue[] = table.rows.map((row) =>
      issuesText(byRow.get(row.row)?.issues ?? []),
    );
    writeColumns(table, { check: status, issues });
    writeMarks(table, results);
    const report = toReport(results);
    const journal = new Journal();
    journal.add(
      VALIDATION_TEXT.journalAction,
      [VALIDATION_TEXT.summary(report.summary), ...configurationLines].join(' '),
      report.summary.rows,
    );
    journal.flush(spreadsheet);
    return report;
  });
}

/** The summary page's content, recomputed without writing: grouped by rule, worst first. */
export function validationSummary(spreadsheet: Spreadsheet): ValidationSummary {
  const { table, results } = validate(spreadsheet);
  const groups = new Map<string, ValidationGroup & { cells: ValidationGroup['cells'][number][] }>();
  for (const result of results) {
    for (const issue of result.issues) {
      const group = groups.get(issue.code) ?? {
        code: issue.code,
        title: RULES[issue.code].title,
        severity: issue.severity,
        cells: [],
      };
      const column = table.positions.get(issue.column) as number;
      group.cells.push({
        a1: `${columnLetter(column)}${result.row}`,
        row: result.row,
        uai: result.uai,
        message: issue.message,
      });
      groups.set(issue.code, group);
    }
  }
  const order = (g: ValidationGroup): number => (g.severity === 'bloquant' ? 0 : 1);
  return {
    sheet: MEMBERS_SHEET.name,
    summary: summarize(results),
    groups: [...groups.values()].sort(
      (a, b) => order(a) - order(b) || b.cells.length - a.cells.length,
    ),
  };
}
