// The « Journal » sheet: the tool's actions, one row each.

import type { SheetSpec } from '../schema';

export const JOURNAL_SHEET: SheetSpec = {
  key: 'journal',
  name: 'Journal',
  purpose: "Historique des actions de l'outil : quand, qui, quoi, combien.",
  tabColor: '#95a5a6',
  columns: [
    {
      key: 'when',
      header: 'Date',
      owner: 'tool',
      kind: 'datetime',
      width: 130,
      note: "Date et heure de l'action.",
    },
    {
      key: 'who',
      header: 'Utilisateur',
      owner: 'tool',
      kind: 'text',
      width: 200,
      note: "Compte qui a lancé l'action (vide si Google ne le communique pas).",
    },
    {
      key: 'action',
      header: 'Action',
      owner: 'tool',
      kind: 'text',
      width: 200,
      note: 'Ce qui a été fait.',
    },
    {
      key: 'detail',
      header: 'Détail',
      owner: 'tool',
      kind: 'text',
      width: 420,
      note: 'Précisions et résultats.',
    },
    {
      key: 'count',
      header: 'Nombre',
      owner: 'tool',
      kind: 'integer',
      width: 80,
      note: "Nombre d'éléments traités.",
    },
  ],
};
