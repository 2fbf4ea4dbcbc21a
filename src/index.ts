// The only entry of the bundle: exposes the functions Apps Script calls (menus, triggers,
// google.script.run) as globals. gas-webpack-plugin turns each assignment into a top-level function.

import {
  getFormDefaults,
  getMember,
  getStepChoices,
  saveMember,
  saveRequest,
  showMemberForm,
  showRequestForm,
  showStepForm,
  getDashboardData,
  getHelpContent,
  onEdit,
  recordStep,
  refreshTrackingFromMenu,
  getValidationSummary,
  importDsCsv,
  importDsCsvFile,
  importDsSheetFromMenu,
  initializeWorkbookFromMenu,
  selectMemberCell,
  showHelp,
  showImportSidebar,
  validateCensus,
  validateCensusFromMenu,
} from './ui/handlers';
import {
  continueMerge,
  getMailingOptions,
  previewInstructions,
  resumeMergeFromMenu,
  retryErrorsFromMenu,
  sendInstructionsTest,
  showMailingSidebar,
  startInstructions,
  transmitToProvidersFromMenu,
} from './ui/mailing';
import {
  checkInstallation,
  checkInstallationFromMenu,
  setTimeZoneAndLocale,
} from './ui/diagnostic';
import {
  continueDsSync,
  getDsConnection,
  removeDsToken,
  saveDsConnection,
  showDsSidebar,
  syncDsFromMenu,
  syncDsNow,
  testDsConnection,
} from './ui/ds-sync';
import { onOpen } from './ui/menu';
import { dailyReminders, dailyRemindersRetry, toggleDailyRemindersFromMenu } from './ui/reminders';

import type { ServerApi } from './shared/api';

declare const global: Record<string, unknown>;

/**
 * The functions the pages reach through google.script.run, checked at compile time against the
 * pages' contract: a changed signature on either side, a missing or an extra function, is a type
 * error. Each is still assigned to `global` by name below (gas-webpack-plugin needs the names).
 */
export const PAGE_FUNCTIONS = {
  getFormDefaults,
  getMember,
  saveMember,
  getStepChoices,
  saveRequest,
  getMailingOptions,
  previewInstructions,
  sendInstructionsTest,
  startInstructions,
  recordStep,
  getHelpContent,
  getValidationSummary,
  selectMemberCell,
  importDsCsv,
  importDsCsvFile,
  checkInstallation,
  setTimeZoneAndLocale,
  getDsConnection,
  saveDsConnection,
  removeDsToken,
  testDsConnection,
  syncDsNow,
} satisfies ServerApi;

global.onOpen = onOpen;
global.initializeWorkbookFromMenu = initializeWorkbookFromMenu;
global.showHelp = showHelp;
global.getHelpContent = getHelpContent;
global.showImportSidebar = showImportSidebar;
global.importDsCsv = importDsCsv;
global.importDsCsvFile = importDsCsvFile;
global.importDsSheetFromMenu = importDsSheetFromMenu;
global.validateCensus = validateCensus;
global.validateCensusFromMenu = validateCensusFromMenu;
global.getValidationSummary = getValidationSummary;
global.selectMemberCell = selectMemberCell;
global.onEdit = onEdit;
global.refreshTrackingFromMenu = refreshTrackingFromMenu;
global.getDashboardData = getDashboardData;
global.recordStep = recordStep;
global.transmitToProvidersFromMenu = transmitToProvidersFromMenu;
global.showMailingSidebar = showMailingSidebar;
global.resumeMergeFromMenu = resumeMergeFromMenu;
global.retryErrorsFromMenu = retryErrorsFromMenu;
global.continueMerge = continueMerge;
global.getMailingOptions = getMailingOptions;
global.previewInstructions = previewInstructions;
global.sendInstructionsTest = sendInstructionsTest;
global.startInstructions = startInstructions;
global.dailyReminders = dailyReminders;
global.dailyRemindersRetry = dailyRemindersRetry;
global.toggleDailyRemindersFromMenu = toggleDailyRemindersFromMenu;
global.showMemberForm = showMemberForm;
global.showStepForm = showStepForm;
global.showRequestForm = showRequestForm;
global.getMember = getMember;
global.saveMember = saveMember;
global.getStepChoices = getStepChoices;
global.saveRequest = saveRequest;
global.getFormDefaults = getFormDefaults;
global.checkInstallationFromMenu = checkInstallationFromMenu;
global.checkInstallation = checkInstallation;
global.setTimeZoneAndLocale = setTimeZoneAndLocale;
global.showDsSidebar = showDsSidebar;
global.syncDsFromMenu = syncDsFromMenu;
global.getDsConnection = getDsConnection;
global.saveDsConnection = saveDsConnection;
global.removeDsToken = removeDsToken;
global.testDsConnection = testDsConnection;
global.syncDsNow = syncDsNow;
global.continueDsSync = continueDsSync;
