// The « Demandes » sheet: the members' requests to the groupement.

import type { SheetSpec } from '../schema';

export const REQUESTS_SHEET: SheetSpec = {
  key: 'requests',
  name: 'Demandes',
  purpose:
    'Demandes des adhérents au groupement : une relance signale celles sans réponse après le délai.',
  tabColor: '#16a085',
  columns: [
    {
      key: 'date',
      header: 'Reçue le',
      owner: 'user',
      kind: 'date',
      width: 100,
      note: 'Date de la demande.',
    },
    {
      key: 'uai',
      header: 'UAI',
      owner: 'user',
      kind: 'uai',
      width: 90,
      note: 'Établissement demandeur.',
    },
    {
      key: 'subject',
      header: 'Objet',
      owner: 'user',
      kind: 'text',
      width: 300,
      note: 'Objet de la demande.',
    },
    {
      key: 'status',
      header: 'Statut',
      owner: 'user',
      kind: 'choice',
      choices: ['En attente', 'Répondu', 'Classée'],
      width: 100,
      note: '« En attente » tant que le groupement n’a pas répondu.',
    },
    {
      key: 'answeredOn',
      header: 'Répondu le',
      owner: 'user',
      kind: 'date',
      width: 100,
      note: 'Date de la réponse.',
    },
  ],
};
