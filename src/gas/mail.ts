// MailApp, in one place: every message — a merge's, a reminder's, a test — leaves with the same
// reply-to, sender name, header-safe subject and attachments.

import type { Attachment } from '../core/messages';
import type { Settings } from '../core/settings';
import { headerText } from '../core/text';

export interface Envelope {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
}

export interface MailContent {
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly Attachment[];
}

/** Sends one message; throws MailApp's error (quota, invalid address) unchanged. */
export function sendMail(envelope: Envelope, content: MailContent, settings: Settings): void {
  const options: GoogleAppsScript.Mail.MailAdvancedParameters = {
    to: envelope.to.join(','),
    subject: headerText(envelope.subject),
    body: content.text,
    htmlBody: content.html,
    replyTo: settings.get('groupement.adresse'),
    name: headerText(settings.get('expediteur.nom')),
  };
  if (envelope.cc.length > 0) options.cc = envelope.cc.join(',');
  if (content.attachments.length > 0) {
    options.attachments = content.attachments.map((a) =>
      Utilities.newBlob(a.content, a.mimeType, a.name),
    );
  }
  MailApp.sendEmail(options);
}
