// Menu handlers and page functions of the mail merge: confirmations before a mass send, previews,
// test sends, and the trigger that continues an interrupted merge.

import { PATHS } from '../core/catalogue';
import { recipientCount } from '../core/ledger';
import { plural, rawText } from '../core/text';
import {
  continueFromTrigger,
  countErrors,
  loadMergeData,
  MERGE_TEXT,
  planAndRun,
  previewRequest,
  retryErrors,
  runMerge,
} from '../features/merge';
import { sendMail } from '../gas/mail';
import { UserError } from '../core/errors';
import type { MailingFilter, MailingOptions, MailingPreview } from '../shared/api';
import { alertCoordinator, runFromMenu } from './dialogs';

const TITLE = 'Envois';
const TRANSMIT = 'Transmettre aux prestataires';

export function transmitToProvidersFromMenu(): void {
  runFromMenu(TRANSMIT, () => {
    const spreadsheet = SpreadsheetApp.getActive();
    // The confirmation counts exactly what the send will plan (the ledger already read).
    const plan = previewRequest(spreadsheet, { kind: 'transmission' });
    if (plan.mailProblems.length > 0)
      throw new UserError(`${MERGE_TEXT.settings}\n${plan.mailProblems.join('\n')}`);
    if (plan.problems.length > 0)
      throw new UserError(`Rien n’a été envoyé :\n${plan.problems.join('\n')}`);
    const notes = [
      ...(plan.already > 0
        ? [
            `${plural(plan.already, 'établissement déjà transmis', 'établissements déjà transmis')} (feuille Envois) : non retransmis.`,
          ]
        : []),
      ...plan.skipped,
    ];
    if (plan.messages.length === 0) {
      // Transmissions planned earlier (a run that stopped) go now: they were confirmed then.
      const outcome = runMerge(spreadsheet);
      const resumed = outcome.sent + outcome.errors > 0 || outcome.stoppedFor !== null;
      alertCoordinator(TRANSMIT, [
        'Aucun nouvel établissement à transmettre.',
        ...(resumed ? outcome.lines : []),
        ...notes,
      ]);
      return;
    }
    const ui = SpreadsheetApp.getUi();
    const recipients = plan.messages.reduce((n, m) => n + recipientCount(m.to, m.cc), 0);
    const quota = MailApp.getRemainingDailyQuota();
    const listed = plan.messages
      .flatMap((m) =>
        m.kind === 'transmission'
          ? [`${m.provider} : ${plural(m.listedUais.length, 'établissement', 'établissements')}`]
          : [],
      )
      .join('\n');
    const answer = ui.alert(
      TRANSMIT,
      `${plural(plan.messages.length, 'message')}, ${plural(recipients, 'destinataire')} ; quota restant aujourd’hui : ${quota}.\n\n${listed}${notes.length > 0 ? `\n\n${notes.join('\n')}` : ''}\n\nEnvoyer maintenant ?`,
      ui.ButtonSet.YES_NO,
    );
    if (answer !== ui.Button.YES) return;
    const outcome = planAndRun(spreadsheet, { kind: 'transmission' });
    alertCoordinator(TRANSMIT, outcome.lines);
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
  runFromMenu(TITLE, () => {
    const spreadsheet = SpreadsheetApp.getActive();
    const count = countErrors(spreadsheet);
    if (count === 0) {
      alertCoordinator(TITLE, ['Aucun envoi en erreur dans la feuille Envois.']);
      return;
    }
    const ui = SpreadsheetApp.getUi();
    const answer = ui.alert(
      'Renvoyer les envois en erreur',
      `${plural(count, 'message en erreur repassera « planifié » et partira', 'messages en erreur repasseront « planifié » et partiront')} maintenant (quota restant aujourd’hui : ${MailApp.getRemainingDailyQuota()}). Renvoyer ?`,
      ui.ButtonSet.YES_NO,
    );
    if (answer !== ui.Button.YES) return;
    alertCoordinator(TITLE, retryErrors(spreadsheet).lines);
  });
}

/** Time-driven trigger: continues a merge stopped by the time limit or the quota. */
export function continueMerge(event?: unknown): void {
  continueFromTrigger(SpreadsheetApp.getActive(), event);
}

function checkedFilter(filter: MailingFilter): MailingFilter {
  if (!filter || typeof filter !== 'object' || !PATHS.some((p) => p.service === filter.service)) {
    throw new UserError('Choisissez un service.');
  }
  return {
    service: String(filter.service),
    step: filter.step ? String(filter.step).slice(0, 100) : undefined,
    wave: filter.wave ? String(filter.wave).slice(0, 100) : undefined,
    resend: filter.resend === true,
  };
}

const instructionsRequest = (filter: MailingFilter) => {
  const checked = checkedFilter(filter);
  const { resend, ...rest } = checked;
  return { kind: 'instructions' as const, filter: rest, resend };
};

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
    testMode: data.settings.get('envois.modeTest'),
  };
}

export function previewInstructions(filter: MailingFilter, index: number): MailingPreview {
  const plan = previewRequest(SpreadsheetApp.getActive(), instructionsRequest(filter));
  const count = plan.messages.length;
  const at = Math.max(0, Math.min(count - 1, Math.floor(Number(index) || 0)));
  const message = plan.messages[at];
  return {
    count,
    recipients: plan.messages.reduce((n, m) => n + recipientCount(m.to, m.cc), 0),
    quota: MailApp.getRemainingDailyQuota(),
    index: at,
    problems: [...plan.mailProblems, ...plan.problems],
    already: plan.already,
    skipped: [...plan.skipped],
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
  const spreadsheet = SpreadsheetApp.getActive();
  // The message shown in the preview; when everyone already has it, the one a resend would send.
  const first = previewRequest(spreadsheet, instructionsRequest(filter));
  const plan =
    first.messages.length > 0
      ? first
      : previewRequest(spreadsheet, { ...instructionsRequest(filter), resend: true });
  if (plan.problems.length > 0) throw new UserError(plan.problems.join('\n'));
  const message =
    plan.messages[Math.max(0, Math.min(plan.messages.length - 1, Math.floor(Number(index) || 0)))];
  if (!message) throw new UserError('Aucun adhérent ne correspond à ces critères.');
  const to = plan.data.coordinator;
  // The real message, attachments included, to the coordinator only.
  const subject = message.subject.startsWith('[TEST]')
    ? message.subject
    : `[TEST] ${message.subject}`;
  sendMail({ to: [to], cc: [], subject }, message, plan.data.settings);
  return `Message de test envoyé à ${to}.`;
}

export function startInstructions(filter: MailingFilter): readonly string[] {
  const spreadsheet = SpreadsheetApp.getActive();
  return planAndRun(spreadsheet, instructionsRequest(filter)).lines;
}
