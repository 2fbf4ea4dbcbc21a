// What goes out: each kind of message with its own fields, and how a message is written into its
// « Envois » row and read back from it. A row's identity says what the message is; « Contenu » is
// read as the UAIs a transmission listed, or as a digest's notes, only once the identity has said
// which; « Pour » is written for the coordinator to read and never read back (the member is in the
// identity). The cells are those earlier versions wrote, so every existing ledger reads the same.

import { MAIL_STATUS, type ParsedId, parseMessageId } from './ledger';
import type { CellValue } from './schema';
import { rawText } from './text';

export interface Attachment {
  readonly name: string;
  readonly mimeType: string;
  readonly content: string;
}

interface MessageBase {
  readonly id: string;
  /** Human label of the batch, shown in the ledger ("Instructions Logiciel PDF 02/03/2026"). */
  readonly campaign: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly Attachment[];
}

/** The list of a provider's members that the coordinator transmits. */
export interface TransmissionMessage extends MessageBase {
  readonly kind: 'transmission';
  /** The provider's name (Kercia, Foxit…). */
  readonly provider: string;
  /** The UAIs listed, whose "Suivi" rows move on once it is sent: never listed again. */
  readonly listedUais: readonly string[];
}

/** Instructions or a reminder to one member. */
export interface MemberMessage extends MessageBase {
  readonly kind: 'instructions' | 'reminder';
  readonly uai: string;
}

/** The coordinator's daily digest. */
export interface DigestMessage extends MessageBase {
  readonly kind: 'digest';
  /** The day's notes (rules that failed), kept in the ledger for a send held over to later. */
  readonly notes: readonly string[];
}

export type OutgoingMessage = TransmissionMessage | MemberMessage | DigestMessage;

/** « Pour », for the coordinator to read: the member's UAI, the provider, or the coordinator. */
function addresseeText(message: OutgoingMessage): string {
  switch (message.kind) {
    case 'transmission':
      return message.provider;
    case 'instructions':
    case 'reminder':
      return message.uai;
    case 'digest':
      return 'coordonnateur';
  }
}

/** « Contenu »: the UAIs a transmission lists, a digest's notes; nothing for the other messages. */
function contentText(message: OutgoingMessage): string {
  switch (message.kind) {
    case 'transmission':
      return message.listedUais.join(', ');
    case 'digest':
      return message.notes.join('\n');
    case 'instructions':
    case 'reminder':
      return '';
  }
}

/** The ledger row of a message just planned. */
export function ledgerRecord(message: OutgoingMessage, now: Date): Record<string, CellValue> {
  return {
    id: message.id,
    campaign: message.campaign,
    memberKey: addresseeText(message),
    recipients: message.to.join(', '),
    cc: message.cc.join(', '),
    subject: message.subject,
    content: contentText(message),
    status: MAIL_STATUS.planned,
    time: now,
    error: '',
    effect: '',
  };
}

/** A ledger row read back: the fields of its identity, and what « Contenu » holds for its kind. */
export type LedgerMessage =
  | (Extract<ParsedId, { kind: 'transmission' }> & { readonly listedUais: readonly string[] })
  | (Extract<ParsedId, { kind: 'digest' }> & { readonly notes: readonly string[] })
  | Extract<ParsedId, { kind: 'instructions' | 'reminder' }>;

/** What a ledger row stands for; undefined when its identity is none of the tool's. */
export function ledgerMessage(row: Readonly<Record<string, CellValue>>): LedgerMessage | undefined {
  const ref = parseMessageId(row.id);
  if (!ref) return undefined;
  const content = rawText(row.content);
  switch (ref.kind) {
    case 'transmission':
      return {
        ...ref,
        listedUais: content
          .split(/[,;\s]+/)
          .map((u) => u.trim().toUpperCase())
          .filter((u) => u !== ''),
      };
    case 'digest':
      return { ...ref, notes: content.split('\n').filter((line) => line.trim() !== '') };
    case 'instructions':
    case 'reminder':
      return ref;
  }
}
