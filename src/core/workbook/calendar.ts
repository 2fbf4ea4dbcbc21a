// The « Calendrier » sheet and the school holidays (zone B) it is seeded with.

import type { SheetSpec } from '../schema';

const d = (y: number, m: number, day: number): Date => new Date(y, m - 1, day);

export const CALENDAR_SHEET: SheetSpec = {
  key: 'calendar',
  name: 'Calendrier',
  purpose: 'Vacances scolaires (zone B) : les relances peuvent s’y interrompre (Paramètres).',
  tabColor: '#16a085',
  seed: {
    keyColumn: 'label',
    rows: [
      { label: 'Toussaint 2025', start: d(2025, 10, 18), end: d(2025, 11, 2) },
      { label: 'Noël 2025', start: d(2025, 12, 20), end: d(2026, 1, 4) },
      { label: 'Hiver 2026', start: d(2026, 2, 14), end: d(2026, 3, 1) },
      { label: 'Printemps 2026', start: d(2026, 4, 11), end: d(2026, 4, 26) },
      { label: 'Été 2026', start: d(2026, 7, 4), end: d(2026, 8, 31) },
      { label: 'Toussaint 2026', start: d(2026, 10, 17), end: d(2026, 11, 1) },
    ],
  },
  columns: [
    {
      key: 'label',
      header: 'Vacances',
      owner: 'user',
      kind: 'text',
      width: 160,
      note: 'Nom des vacances (zone B, académie de Nancy-Metz). Ajoutez les dates de l’année suivante dès qu’elles sont publiées.',
    },
    {
      key: 'start',
      header: 'Premier jour',
      owner: 'user',
      kind: 'date',
      width: 110,
      note: 'Premier jour sans classe.',
    },
    {
      key: 'end',
      header: 'Dernier jour',
      owner: 'user',
      kind: 'date',
      width: 110,
      note: 'Dernier jour sans classe (la reprise est le lendemain).',
    },
  ],
};
