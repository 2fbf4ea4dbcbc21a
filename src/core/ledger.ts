// The sending ledger ("Envois"): one row per message, with a status that makes every message go out
// at most once. A message is marked "envoi en cours" (and the mark flushed) before it is sent; a run
// that dies leaves it so, and the next run turns it into "à vérifier": never resent automatically.

import type { SheetSpec } from './schema';

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
      note: 'Campagne et destinataire : un message n’a qu’une ligne.',
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
      note: 'À et copie.',
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
      note: 'Pour une transmission : les UAI listés.',
    },
    {
      key: 'status',
      header: 'Statut',
      owner: 'tool',
      kind: 'choice',
      choices: Object.values(MAIL_STATUS),
      width: 110,
      note: '« planifié », « envoi en cours », « envoyé », « erreur » (réessayé seulement à votre demande) ou « à vérifier » (l’envoi a été interrompu : vérifiez dans la boîte d’envoi, puis indiquez « envoyé » ou « planifié »).',
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
      note: '« oui » quand le Suivi tient compte du message envoyé : transmission (lignes passées à « Transmis ») ou relance (compteur de relances).',
    },
  ],
};

/** Number of recipients a message uses from the daily quota (to, cc and bcc all count). */
export const recipientCount = (to: readonly string[], cc: readonly string[]): number =>
  to.length + cc.length;

export const splitAddresses = (text: string): string[] =>
  text
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
