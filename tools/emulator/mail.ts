// MailApp: messages go to an inspectable outbox; the daily recipient quota counts to, cc and bcc
// and throws Google's message when it runs out. The quota is each user's (the user the execution
// runs as), and, as Google's quotas page says, it resets 24 hours after the first send of the
// current window: not at midnight, not at a fixed hour.

import { Emulated, SERVICE } from './instrument';
import type { Mirror } from './mirror';
import type { Clock } from './clock';
import type { EmulatedBlob } from './utilities';

export interface Attachment {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export interface SentMail {
  readonly id: number;
  readonly at: Date;
  readonly executionId: number;
  readonly from: string;
  readonly to: string[];
  readonly cc: string[];
  readonly bcc: string[];
  readonly replyTo: string;
  readonly name: string;
  readonly subject: string;
  readonly body: string;
  readonly htmlBody: string;
  readonly attachments: Attachment[];
}

export const RECIPIENTS_PER_MESSAGE = 50;
const MAX_BODY_BYTES = 200 * 1024;

export const QUOTA_WINDOW_MS = 24 * 3_600_000;

/** One user's quota window: opened by the first send, closed 24 hours later. */
interface QuotaWindow {
  readonly start: number;
  used: number;
}

/** The mailbox state of the emulated project: outbox and each user's quota window. */
export class MailModel {
  readonly outbox: SentMail[] = [];
  private readonly windows = new Map<string, QuotaWindow>();

  constructor(
    readonly clock: Clock,
    public dailyQuota: number,
  ) {}

  /** Recipients `user` may still send to before the window resets. */
  remaining(user: string): number {
    const window = this.current(user);
    return Math.max(0, this.dailyQuota - (window?.used ?? 0));
  }

  /** When the current window of `user` resets (undefined when nothing was sent in 24 hours). */
  resetsAt(user: string): Date | undefined {
    const window = this.current(user);
    return window ? new Date(window.start + QUOTA_WINDOW_MS) : undefined;
  }

  consume(user: string, recipients: number): void {
    const window = this.current(user);
    if ((window?.used ?? 0) + recipients > this.dailyQuota) {
      throw new Error('Service invoked too many times for one day: email.');
    }
    if (window) window.used += recipients;
    else this.windows.set(user, { start: this.clock.now(), used: recipients });
  }

  private current(user: string): QuotaWindow | undefined {
    const window = this.windows.get(user);
    if (window && this.clock.now() >= window.start + QUOTA_WINDOW_MS) {
      this.windows.delete(user);
      return undefined;
    }
    return window;
  }
}

interface MessageOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  name?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  attachments?: EmulatedBlob[];
  noReply?: boolean;
}

const addresses = (list: string | undefined): string[] =>
  (list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

export class EmulatedMailApp
  extends Emulated
  implements Mirror<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>
{
  readonly [SERVICE] = 'MailApp';
  readonly className = 'MailApp';

  constructor(
    private readonly model: MailModel,
    private readonly executionId: number,
    private readonly from: string,
  ) {
    super();
  }

  getRemainingDailyQuota(): number {
    return this.model.remaining(this.from);
  }

  /** (message), (recipient, subject, body), (recipient, subject, body, options), (to, replyTo, subject, body). */
  sendEmail(
    recipientOrMessage: string | MessageOptions,
    second?: string,
    third?: string,
    fourth?: MessageOptions | string,
  ): void {
    const message: MessageOptions =
      typeof recipientOrMessage === 'object'
        ? recipientOrMessage
        : typeof fourth === 'string'
          ? { to: recipientOrMessage, replyTo: second, subject: third, body: fourth }
          : { ...fourth, to: recipientOrMessage, subject: second, body: third };
    const to = addresses(message.to);
    const cc = addresses(message.cc);
    const bcc = addresses(message.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) throw new Error('Failed to send email: no recipient');
    for (const address of [...all, ...addresses(message.replyTo)]) {
      if (!EMAIL.test(address)) throw new Error(`Invalid email: ${address}`);
    }
    if (all.length > RECIPIENTS_PER_MESSAGE) {
      throw new Error('Limit Exceeded: Email Recipients Per Message.');
    }
    const textBody = message.body ?? '';
    const htmlBody = message.htmlBody ?? '';
    if (Buffer.byteLength(textBody) + Buffer.byteLength(htmlBody) > MAX_BODY_BYTES) {
      throw new Error('Limit Exceeded: Email Body Size.');
    }
    this.model.consume(this.from, all.length);
    this.model.outbox.push({
      id: this.model.outbox.length + 1,
      at: new Date(this.model.clock.now()),
      executionId: this.executionId,
      from: this.from,
      to,
      cc,
      bcc,
      replyTo: message.replyTo ?? '',
      name: message.name ?? '',
      subject: String(message.subject ?? ''),
      body: textBody,
      htmlBody,
      attachments: (message.attachments ?? []).map((blob) => ({
        name: blob.getName() ?? 'attachment',
        contentType: blob.getContentType() ?? 'application/octet-stream',
        bytes: Uint8Array.from(blob.getBytes().map((b) => b & 0xff)),
      })),
    });
  }
}
