// The sending ledger ("Envois"): one row per message, with a status that makes every message go out
// at most once. A message is marked "envoi en cours" (and the mark flushed) before it is sent; a run
// that dies leaves it so, and the next run turns it into "à vérifier": never resent automatically.

import type { SheetSpec } from './schema';
import { normalizeKey, rawText } from './text';

export const MAIL_STATUS = {
  planned: 'planifié',
  sending: 'envoi en cours',
  sent: 'envoyé',
  error: 'erreur',
  check: 'à vérifier',
} as const;

export type MailStatus = (typeof MAIL_STATUS)[keyof typeof MAIL_STATUS];

export const LEDGER_SHEET: SheetSpec = {
  key: 'ledger',
  name: 'Envois',
  purpose: 'Une ligne par message : ce qui est prévu, parti, en erreur ou à vérifier.',
  tabColor: '#f39c12',
  columns: [
    {
      key: 'id',
      header: 'Identifiant',
      owner: 'tool',
      kind: 'text',
      width: 240,
      note: 'Ce qu’est le message (sorte, modèle ou règle, adhérent, service, étape ou jour) : un même message n’a qu’une ligne, et l’outil retrouve ses lignes par cet identifiant, même après un tri.',
    },
    {
      key: 'campaign',
      header: 'Campagne',
      owner: 'tool',
      kind: 'text',
      width: 200,
      note: 'Envoi groupé auquel appartient le message.',
    },
    {
      key: 'memberKey',
      header: 'Pour',
      owner: 'tool',
      kind: 'text',
      width: 110,
      note: 'UAI de l’adhérent, ou prestataire.',
    },
    {
      key: 'recipients',
      header: 'Destinataires',
      owner: 'tool',
      kind: 'text',
      width: 240,
      note: 'Destinataires (À), figés à la planification : le message part exactement à ces adresses.',
    },
    {
      key: 'cc',
      header: 'Copie',
      owner: 'tool',
      kind: 'text',
      width: 200,
      note: 'Destinataires en copie, figés à la planification.',
    },
    {
      key: 'subject',
      header: 'Objet',
      owner: 'tool',
      kind: 'text',
      width: 320,
      note: 'Objet du message.',
    },
    {
      key: 'content',
      header: 'Contenu',
      owner: 'tool',
      kind: 'text',
      width: 200,
      note: 'Pour une transmission : les UAI transmis au prestataire (jamais transmis deux fois).',
    },
    {
      key: 'status',
      header: 'Statut',
      owner: 'tool',
      kind: 'choice',
      choices: Object.values(MAIL_STATUS),
      width: 110,
      note: '« planifié », « envoi en cours », « envoyé », « erreur » (réessayé seulement à votre demande, menu « Renvoyer les envois en erreur ») ou « à vérifier » (l’envoi a été interrompu : vérifiez dans « Messages envoyés » du compte, puis choisissez « envoyé » s’il est parti, « planifié » pour qu’il parte au prochain envoi). Tant qu’une ligne est « à vérifier », aucun autre message identique ne part.',
    },
    {
      key: 'time',
      header: 'Heure',
      owner: 'tool',
      kind: 'datetime',
      width: 130,
      note: 'Heure du dernier changement de statut.',
    },
    {
      key: 'error',
      header: 'Erreur',
      owner: 'tool',
      kind: 'text',
      width: 260,
      note: 'Message d’erreur de l’envoi.',
    },
    {
      key: 'effect',
      header: 'Suivi mis à jour',
      owner: 'tool',
      kind: 'text',
      width: 110,
      note: '« oui » quand le Suivi tient compte du message envoyé : transmission (lignes passées à « Transmis »), instructions qui font avancer une étape (formulaire de convention envoyé) ou relance (compteur de relances).',
    },
  ],
};

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

const ID_PREFIX: Readonly<Record<MessageKind, string>> = {
  transmission: 'transmission',
  instructions: 'instructions',
  reminder: 'relance',
  digest: 'recapitulatif',
};

const escapePart = (part: string): string => part.replace(/%/g, '%25').replace(/:/g, '%3A');
const unescapePart = (part: string): string => part.replace(/%3A/gi, ':').replace(/%25/g, '%');

/**
 * A message's identity, derived from what it is, never from when it was planned:
 *   transmission:<service>:<UAIs listed>
 *   instructions:<template>:<UAI>:<service>:<step>[:renvoi-N]
 *   relance:<rule>:<UAI>:<service>:<day>
 *   recapitulatif:<day>
 */
export function messageId(kind: MessageKind, parts: readonly string[]): string {
  return [ID_PREFIX[kind], ...parts.map(escapePart)].join(':');
}

export interface ParsedId {
  readonly kind: MessageKind;
  readonly parts: readonly string[];
  /** Planned in test mode (sent to the coordinator): it stands for no real message. */
  readonly test: boolean;
}

const TEST_PREFIX = 'test-';

export function parseMessageId(id: unknown): ParsedId | undefined {
  const text = rawText(id).trim();
  const test = text.startsWith(TEST_PREFIX);
  const [prefix, ...rest] = (test ? text.slice(TEST_PREFIX.length) : text).split(':');
  const kind = (Object.keys(ID_PREFIX) as MessageKind[]).find((k) => ID_PREFIX[k] === prefix);
  return kind ? { kind, parts: rest.map(unescapePart), test } : undefined;
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

/** The UAIs a transmission row lists (column "Contenu"). */
export const listedUais = (content: unknown): string[] =>
  rawText(content)
    .split(/[,;\s]+/)
    .map((u) => u.trim().toUpperCase())
    .filter((u) => u !== '');
