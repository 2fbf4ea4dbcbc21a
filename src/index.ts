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
import { onOpen } from './ui/menu';
import { dailyReminders, dailyRemindersRetry, toggleDailyRemindersFromMenu } from './ui/reminders';

declare const global: Record<string, unknown>;

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
