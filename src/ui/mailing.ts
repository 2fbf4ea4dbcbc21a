// Menu handlers and page functions of the mail merge: confirmations before a mass send, previews,
// test sends, and the trigger that continues an interrupted merge.

import {
  type Campaign,
  instructionTargets,
  planInstructions,
  planTransmissions,
} from '../core/campaigns';
import { PATHS } from '../core/catalogue';
import { recipientCount } from '../core/ledger';
import { rawText } from '../core/text';
import {
  campaignId,
  loadMergeData,
  planAndRun,
  retryErrors,
  runMerge,
  MERGE_TEXT,
} from '../features/merge';
import { SheetError } from '../gas/table';
import type { MailingFilter, MailingOptions, MailingPreview } from '../shared/api';
import { alertCoordinator, runFromMenu } from './dialogs';

const TITLE = 'Envois';

export function transmitToProvidersFromMenu(): void {
  runFromMenu('Transmettre aux prestataires', () => {
    const spreadsheet = SpreadsheetApp.getActive();
    const data = loadMergeData(spreadsheet);
    const id = campaignId('Transmission', '', new Date());
    const { messages, problems } = planTransmissions(id, data);
    if (problems.length > 0) throw new SheetError(`Rien n’a été envoyé :\n${problems.join('\n')}`);
    if (messages.length === 0) {
      alertCoordinator('Transmettre aux prestataires', [
        'Aucun établissement « À transmettre » dans le Suivi.',
      ]);
      return;
    }
    const ui = SpreadsheetApp.getUi();
    const recipients = messages.reduce((n, m) => n + recipientCount(m.to, m.cc), 0);
    const quota = MailApp.getRemainingDailyQuota();
    const listed = messages
      .map((m) => `${m.memberKey} : ${m.listed.length} établissement(s)`)
      .join('\n');
    const answer = ui.alert(
      'Transmettre aux prestataires',
      `${messages.length} message(s), ${recipients} destinataire(s) ; quota restant aujourd’hui : ${quota}.\n\n${listed}\n\nEnvoyer maintenant ?`,
      ui.ButtonSet.YES_NO,
    );
    if (answer !== ui.Button.YES) return;
    const outcome = planAndRun(spreadsheet, { id, kind: 'transmission' });
    alertCoordinator('Transmettre aux prestataires', outcome.lines);
  });
}

export function showMailingSidebar(): void {
  runFromMenu(TITLE, () => {
    const page = HtmlService.createHtmlOutputFromFile('mailing').setTitle(
      'Instructions aux adhérents',
    );
    SpreadsheetApp.getUi().showSidebar(page);
  });
}

export function resumeMergeFromMenu(): void {
  runFromMenu(TITLE, () => alertCoordinator(TITLE, runMerge(SpreadsheetApp.getActive()).lines));
}

export function retryErrorsFromMenu(): void {
  runFromMenu(TITLE, () => alertCoordinator(TITLE, retryErrors(SpreadsheetApp.getActive()).lines));
}

/** Time-driven trigger: continues a merge stopped by the time limit or the quota. */
export function continueMerge(): void {
  try {
    runMerge(SpreadsheetApp.getActive());
  } catch (error) {
    // Another run holds the lock: it will finish the work, or schedule this trigger again.
    if (!(error instanceof SheetError)) throw error;
    Logger.log(MERGE_TEXT.busy);
  }
}

function checkedFilter(filter: MailingFilter): MailingFilter {
  if (!filter || typeof filter !== 'object' || !PATHS.some((p) => p.service === filter.service)) {
    throw new SheetError('Choisissez un service.');
  }
  return {
    service: String(filter.service),
    step: filter.step ? String(filter.step).slice(0, 100) : undefined,
    wave: filter.wave ? String(filter.wave).slice(0, 100) : undefined,
  };
}

export function getMailingOptions(): MailingOptions {
  const data = loadMergeData(SpreadsheetApp.getActive());
  const waves = [
    ...new Set(data.tracking.map((r) => rawText(r.wave)).filter((w) => w !== '')),
  ].sort();
  return {
    services: PATHS.map((p) => ({
      id: p.service,
      label: p.label,
      steps: [...new Set([...p.steps('Public'), ...p.steps('Privé')].map((s) => s.label))],
    })),
    waves,
    testMode: data.settings.get('envois.modeTest') === true,
  };
}

export function previewInstructions(filter: MailingFilter, index: number): MailingPreview {
  const checked = checkedFilter(filter);
  const data = loadMergeData(SpreadsheetApp.getActive());
  const plan = planInstructions('aperçu', checked, data);
  const count = plan.messages.length;
  const at = Math.max(0, Math.min(count - 1, Math.floor(Number(index) || 0)));
  const message = plan.messages[at];
  return {
    count,
    recipients: plan.messages.reduce((n, m) => n + recipientCount(m.to, m.cc), 0),
    quota: MailApp.getRemainingDailyQuota(),
    index: at,
    problems: plan.problems,
    message: message
      ? {
          to: message.to.join(', '),
          cc: message.cc.join(', '),
          subject: message.subject,
          html: message.html,
          text: message.text,
        }
      : null,
  };
}

export function sendInstructionsTest(filter: MailingFilter, index: number): string {
  const checked = checkedFilter(filter);
  const data = loadMergeData(SpreadsheetApp.getActive());
  const plan = planInstructions('test', checked, data);
  if (plan.problems.length > 0) throw new SheetError(plan.problems.join('\n'));
  const message =
    plan.messages[Math.max(0, Math.min(plan.messages.length - 1, Math.floor(Number(index) || 0)))];
  if (!message) throw new SheetError('Aucun adhérent ne correspond à ces critères.');
  MailApp.sendEmail({
    to: data.coordinator,
    subject: message.subject.startsWith('[TEST]') ? message.subject : `[TEST] ${message.subject}`,
    body: message.text,
    htmlBody: message.html,
    replyTo: rawText(data.settings.get('groupement.adresse')),
    name: rawText(data.settings.get('expediteur.nom')),
  });
  return `Message de test envoyé à ${data.coordinator}.`;
}

export function startInstructions(filter: MailingFilter): readonly string[] {
  const checked = checkedFilter(filter);
  const spreadsheet = SpreadsheetApp.getActive();
  const data = loadMergeData(spreadsheet);
  if (instructionTargets(checked, data).length === 0)
    throw new SheetError('Aucun adhérent ne correspond à ces critères.');
  const label = PATHS.find((p) => p.service === checked.service)?.label ?? checked.service;
  const campaign: Campaign = {
    id: campaignId(
      'Instructions',
      [label, checked.step, checked.wave].filter(Boolean).join(' · '),
      new Date(),
    ),
    kind: 'instructions',
    filter: checked,
  };
  return planAndRun(spreadsheet, campaign).lines;
}
