// Menu handlers and the server functions of the pages: each reads the active spreadsheet, calls a
// feature, and shows the outcome. No domain logic here.

import { guideContent } from '../core/guide';
import { MEMBERS_SHEET } from '../core/workbook/members';
import {
  IMPORT_TEXT,
  importCsvFile,
  importCsvText,
  importPastedSheet,
} from '../features/census-import';
import {
  type CensusReport,
  runCensusValidation,
  VALIDATION_TEXT,
  validationSummary,
} from '../features/census-validation';
import { INITIALIZE_TEXT, initializeWorkbook } from '../features/initialize';
import {
  dashboardData,
  recordTrackingStep,
  refreshTracking,
  stampEditedSteps,
  type StepRequest,
  TRACKING_TEXT,
} from '../features/tracking';
import type { DashboardModel } from '../core/dashboard';
import { loadSettings } from '../gas/settings-store';
import { UserError } from '../core/errors';
import { requireSheet } from '../gas/table';
import type {
  FormResult,
  HelpContent,
  ImportOutcome,
  MemberChoices,
  MemberForm,
  RequestForm,
  ValidationSummary,
} from '../shared/api';
import {
  findMember,
  saveMember as saveMemberForm,
  saveRequest as saveRequestForm,
  stepChoices,
} from '../features/forms';
import { alertCoordinator, runFromMenu } from './dialogs';

function showPage(file: string, title: string): void {
  const page = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(page);
}

export function initializeWorkbookFromMenu(): void {
  runFromMenu(INITIALIZE_TEXT.title, () => {
    const result = initializeWorkbook(SpreadsheetApp.getActive());
    alertCoordinator(
      INITIALIZE_TEXT.title,
      result.lines.length === 0
        ? [INITIALIZE_TEXT.upToDate]
        : [INITIALIZE_TEXT.done, ...result.lines],
    );
  });
}

export function showHelp(): void {
  runFromMenu('Aide', () => showPage('help', 'Modalités de déploiement'));
}

export function getHelpContent(): HelpContent {
  const { settings, problems, mailProblems } = loadSettings(SpreadsheetApp.getActive());
  return guideContent(settings, [...mailProblems, ...problems]);
}

export function showImportSidebar(): void {
  runFromMenu(IMPORT_TEXT.title, () => showPage('import', 'Import démarches simplifiées'));
}

export function importDsCsv(text: string, fileName: string): ImportOutcome {
  if (typeof text !== 'string' || text.length === 0) throw new UserError('Le fichier est vide.');
  return importCsvText(SpreadsheetApp.getActive(), text, String(fileName || 'export.csv'));
}

/** The sidebar's upload: the file's bytes in base64, so that the server tells the encoding. */
export function importDsCsvFile(base64: string, fileName: string): ImportOutcome {
  if (typeof base64 !== 'string' || base64.length === 0)
    throw new UserError('Le fichier est vide.');
  return importCsvFile(SpreadsheetApp.getActive(), base64, String(fileName || 'export.csv'));
}

export function importDsSheetFromMenu(): void {
  runFromMenu(IMPORT_TEXT.title, () => {
    const outcome = importPastedSheet(SpreadsheetApp.getActive());
    alertCoordinator(IMPORT_TEXT.title, outcome.lines);
  });
}

/** Validates and returns the report (menu, command line, benchmark). */
export function validateCensus(): CensusReport {
  return runCensusValidation(SpreadsheetApp.getActive());
}

export function validateCensusFromMenu(): void {
  runFromMenu(VALIDATION_TEXT.title, () => {
    const report = validateCensus();
    if (report.summary.rows === 0) {
      alertCoordinator(VALIDATION_TEXT.title, [VALIDATION_TEXT.empty]);
      return;
    }
    SpreadsheetApp.getActive().toast(
      VALIDATION_TEXT.summary(report.summary),
      VALIDATION_TEXT.title,
      10,
    );
    showPage('validation', 'Contrôle des recensements');
  });
}

export function getValidationSummary(): ValidationSummary {
  return validationSummary(SpreadsheetApp.getActive());
}

/** Selects a cell of the members sheet; the address comes from the page, so it is checked. */
export function selectMemberCell(a1: string): void {
  if (typeof a1 !== 'string' || !/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(a1)) {
    throw new UserError(`Adresse de cellule invalide : ${String(a1).slice(0, 20)}`);
  }
  const sheet = requireSheet(SpreadsheetApp.getActive(), MEMBERS_SHEET);
  sheet.activate();
  sheet.getRange(a1).activate();
}

export function refreshTrackingFromMenu(): void {
  runFromMenu(TRACKING_TEXT.title, () => {
    const outcome = refreshTracking(SpreadsheetApp.getActive());
    SpreadsheetApp.getActive().getSheetByName('Tableau de bord')?.activate();
    if (outcome.configuration && outcome.configuration.length > 0)
      alertCoordinator(TRACKING_TEXT.title, [...outcome.configuration]);
  });
}

/** The dashboard's data (command line's static page). */
export function getDashboardData(): DashboardModel {
  return dashboardData(SpreadsheetApp.getActive());
}

/** Records an activation step (the "Étape" form). Returns the confirmation message. */
export function recordStep(request: StepRequest): string {
  if (!request || typeof request !== 'object') throw new UserError('Demande invalide.');
  return recordTrackingStep(SpreadsheetApp.getActive(), request);
}

/** Simple trigger: stamps the date when a step is changed by hand in "Suivi". */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (e && e.range) stampEditedSteps(e.range);
}

export function showMemberForm(): void {
  runFromMenu('Adhérent', () => showPage('member', 'Adhérent'));
}

export function showStepForm(): void {
  runFromMenu('Étape', () => showPage('step', 'Étape d’activation'));
}

export function showRequestForm(): void {
  runFromMenu('Demande', () => showPage('request', 'Demande d’un adhérent'));
}

/** Defaults of the forms, from Paramètres (the domain of functional addresses). */
export function getFormDefaults(): { domain: string } {
  const { settings } = loadSettings(SpreadsheetApp.getActive());
  return { domain: settings.get('groupement.domaine') };
}

export function getMember(uai: string): (MemberForm & { row: number }) | null {
  return findMember(SpreadsheetApp.getActive(), String(uai ?? ''));
}

export function saveMember(form: MemberForm): FormResult {
  return saveMemberForm(SpreadsheetApp.getActive(), form);
}

export function getStepChoices(uai: string): MemberChoices {
  return stepChoices(SpreadsheetApp.getActive(), String(uai ?? ''));
}

export function saveRequest(form: RequestForm): FormResult {
  return saveRequestForm(SpreadsheetApp.getActive(), form);
}
