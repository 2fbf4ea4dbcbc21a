// The sending ledger ("Envois"): one row per message, with a status that makes every message go out
// at most once. A message is marked "envoi en cours" (and the mark flushed) before it is sent; a run
// that dies leaves it so, and the next run turns it into "à vérifier": never resent automatically.

import { normalizeKey, rawText } from './text';

export const MAIL_STATUS = {
  planned: 'planifié',
  sending: 'envoi en cours',
  sent: 'envoyé',
  error: 'erreur',
  check: 'à vérifier',
} as const;

export type MailStatus = (typeof MAIL_STATUS)[keyof typeof MAIL_STATUS];

const STATUS_BY_KEY = new Map<string, MailStatus>(
  Object.values(MAIL_STATUS).map((s) => [normalizeKey(s), s]),
);

/**
 * A status as typed in the ledger ("Envoyé", "envoye", "envoyé "…), or 'unknown' for anything else;
 * an empty cell reads as undefined.
 */
export function mailStatusOf(value: unknown): MailStatus | 'unknown' | undefined {
  const key = normalizeKey(rawText(value));
  if (key === '') return undefined;
  return STATUS_BY_KEY.get(key) ?? 'unknown';
}

/** The kinds of message; each has its own identity (see messageId). */
export type MessageKind = 'transmission' | 'instructions' | 'reminder' | 'digest';

/** What a message is, as its identity says it: each kind with its own named fields. */
export type MessageRef =
  | {
      readonly kind: 'transmission';
      readonly service: string;
      /** Digest of the UAIs listed (the UAIs themselves are in the row's « Contenu »). */
      readonly listHash: string;
    }
  | {
      readonly kind: 'instructions';
      readonly template: string;
      readonly uai: string;
      readonly service: string;
      /** The id of the step the member was at when it was planned. */
      readonly step: string;
      /** The n-th resend the coordinator asked for; absent for the first sending. */
      readonly resend?: number;
    }
  | {
      readonly kind: 'reminder';
      readonly rule: string;
      readonly uai: string;
      readonly service: string;
      /** The day it is for (YYYY-MM-DD). */
      readonly day: string;
    }
  | { readonly kind: 'digest'; readonly day: string };

const ID_PREFIX: Readonly<Record<MessageKind, string>> = {
  transmission: 'transmission',
  instructions: 'instructions',
  reminder: 'relance',
  digest: 'recapitulatif',
};

const RESEND_PREFIX = 'renvoi-';

const escapePart = (part: string): string => part.replace(/%/g, '%25').replace(/:/g, '%3A');
const unescapePart = (part: string): string => part.replace(/%3A/gi, ':').replace(/%25/g, '%');

/** The parts of an identity after its prefix, in order. */
function partsOf(ref: MessageRef): string[] {
  switch (ref.kind) {
    case 'transmission':
      return [ref.service, ref.listHash];
    case 'instructions':
      return [
        ref.template,
        ref.uai,
        ref.service,
        ref.step,
        ...(ref.resend === undefined ? [] : [`${RESEND_PREFIX}${ref.resend}`]),
      ];
    case 'reminder':
      return [ref.rule, ref.uai, ref.service, ref.day];
    case 'digest':
      return [ref.day];
  }
}

const joinId = (kind: MessageKind, parts: readonly string[]): string =>
  [ID_PREFIX[kind], ...parts.map(escapePart)].join(':');

/**
 * A message's identity, derived from what it is, never from when it was planned:
 *   transmission:<service>:<digest of the UAIs listed>
 *   instructions:<template>:<UAI>:<service>:<step>[:renvoi-N]
 *   relance:<rule>:<UAI>:<service>:<day>
 *   recapitulatif:<day>
 */
export const messageId = (ref: MessageRef): string => joinId(ref.kind, partsOf(ref));

/**
 * What every sending of the same instructions (template, member, service) starts with, whatever
 * the step and the resend.
 */
export const instructionsIdPrefix = (template: string, uai: string, service: string): string =>
  `${joinId('instructions', [template, uai, service])}:`;

export type ParsedId = MessageRef & {
  /** Planned in test mode (sent to the coordinator): it stands for no real message. */
  readonly test: boolean;
};

const TEST_PREFIX = 'test-';

/** The fields of an identity's parts (a part missing from a hand-edited identity reads as ''). */
function refOf(kind: MessageKind, parts: readonly string[]): MessageRef {
  const [a = '', b = '', c = '', d = '', e = ''] = parts;
  switch (kind) {
    case 'transmission':
      return { kind, service: a, listHash: b };
    case 'instructions': {
      const resend = e.startsWith(RESEND_PREFIX) ? Number(e.slice(RESEND_PREFIX.length)) : NaN;
      return {
        kind,
        template: a,
        uai: b,
        service: c,
        step: d,
        ...(Number.isInteger(resend) ? { resend } : {}),
      };
    }
    case 'reminder':
      return { kind, rule: a, uai: b, service: c, day: d };
    case 'digest':
      return { kind, day: a };
  }
}

export function parseMessageId(id: unknown): ParsedId | undefined {
  const text = rawText(id).trim();
  const test = text.startsWith(TEST_PREFIX);
  const [prefix, ...rest] = (test ? text.slice(TEST_PREFIX.length) : text).split(':');
  const kind = (Object.keys(ID_PREFIX) as MessageKind[]).find((k) => ID_PREFIX[k] === prefix);
  return kind ? { ...refOf(kind, rest.map(unescapePart)), test } : undefined;
}

/** The identity of the same message planned in test mode. */
export const testId = (id: string): string => `${TEST_PREFIX}${id}`;

/** A short, stable digest of a text (FNV-1a, 32 bits, hexadecimal). */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Number of recipients a message uses from the daily quota (to, cc and bcc all count). */
export const recipientCount = (to: readonly string[], cc: readonly string[]): number =>
  to.length + cc.length;

export const splitAddresses = (text: string): string[] =>
  text
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
