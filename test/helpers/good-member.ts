// A complete, valid member row (by column key), the base of census test cases.

import type { CellValue } from '../../src/core/schema';

export const GOOD_MEMBER: Readonly<Record<string, CellValue>> = {
  dossier: '18123456',
  uai: '0540015Y',
  name: 'Lycée Les Tilleuls',
  commune: 'Val-sur-Meurthe',
  status: 'Public',
  email: 'ce.0540015y@ac-nancy-metz.fr',
  dsState: 'Accepté',
  depositDate: new Date(2025, 8, 12),
  convention: 'Signée en ligne',
  signatureDate: new Date(2025, 8, 20),
  signerPhone: '06 12 34 56 78',
  wave: 'Automne 2025',
  qty_vote: 1,
  qty_tpe: '',
  qty_pdf: 3,
  qty_rgs: '',
  qty_signature: '',
  comment: '',
};
