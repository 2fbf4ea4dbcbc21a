// Sample démarches simplifiées exports built from the real export's header list: the fixed columns
// of an organisation's dossier, then one column per form field.

import { csvText } from '../../src/core/csv';
import type { CellValue } from '../../src/core/schema';
import { SERVICES } from '../../src/core/services';
import type { SampleMember } from './members';

/** The fixed columns of a DS CSV export for organisations, in order (see the domain reference). */
export const DS_FIXED_HEADERS = [
  'ID',
  'Email',
  'FranceConnect ?',
  'Établissement SIRET',
  'Établissement siège social',
  'Établissement NAF',
  'Établissement libellé NAF',
  'Établissement Adresse',
  'Établissement code postal',
  'Établissement localité',
  'Entreprise SIREN',
  'Entreprise forme juridique',
  'Entreprise raison sociale',
  'À archiver',
  'État du dossier',
  'Dernière mise à jour le',
  'Dernière mise à jour du dossier le',
  'Déposé le',
  'Passé en instruction le',
  'Traité le',
  'Motivation de la décision',
  'Instructeurs',
] as const;

/** The form's fields, as the census démarche labels them. */
export const DS_FIELD_HEADERS = [
  'Établissement',
  "Statut de l'établissement",
  'Adresse fonctionnelle',
  'Téléphone portable du signataire',
  'Vague',
  ...SERVICES.map((s) => s.quantityHeader),
] as const;

const pad = (n: number): string => String(n).padStart(2, '0');
const dsDate = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:00 +0200`;

export function exportRows(members: readonly SampleMember[]): CellValue[][] {
  const header = [...DS_FIXED_HEADERS, ...DS_FIELD_HEADERS];
  const rows = members.map((m) => {
    const fixed: Record<string, CellValue> = {
      ID: m.dossier,
      Email: `secretariat.${m.uai.toLowerCase()}@ac-nancy-metz.fr`,
      'FranceConnect ?': 'false',
      'Établissement SIRET': `1954${String(m.dossier).slice(-6)}00011`,
      'Établissement siège social': 'true',
      'Établissement localité': m.commune.toUpperCase(),
      'Entreprise raison sociale': m.name.toUpperCase(),
      'À archiver': 'false',
      'État du dossier': m.dsState,
      'Dernière mise à jour le': dsDate(m.depositDate),
      'Dernière mise à jour du dossier le': dsDate(m.depositDate),
      'Déposé le': dsDate(m.depositDate),
      Instructeurs: 'coordination@example.fr',
    };
    const fields: CellValue[] = [
      `${m.name}, ${m.commune} (${m.uai})`,
      m.status,
      m.email,
      m.signerPhone,
      m.wave,
      ...SERVICES.map((s) => m.quantities[s.id] ?? ''),
    ];
    return [...DS_FIXED_HEADERS.map((h) => fixed[h] ?? ''), ...fields];
  });
  return [header, ...rows];
}

export function toCsv(
  rows: readonly (readonly CellValue[])[],
  separator: ';' | ',' = ';',
  bom = true,
): string {
  const text = rows.map((r) => r.map((v) => (v instanceof Date ? dsDate(v) : String(v))));
  return `${bom ? '\ufeff' : ''}${csvText(text, separator)}`;
}

/**
 * The sample run's export: the workbook holds the first 56 members; the export drops two of them,
 * brings four new ones, accepts the pending dossiers, and closes one without follow-up.
 */
export function sampleExport(members: readonly SampleMember[]): SampleMember[] {
  // The first pending dossier accepted also orders RGS** certificates: its school gets Certigna's
  // instructions without any transmission (the guide has none for Certigna).
  const firstAccepted = members.slice(0, 54).findIndex((m) => m.dsState === 'En instruction');
  const kept = members.slice(0, 54).map((m, i) => ({
    ...m,
    dsState: i === 7 ? 'Classé sans suite' : m.dsState === 'En instruction' ? 'Accepté' : m.dsState,
    quantities:
      i === 3
        ? { ...m.quantities, pdf: Number(m.quantities.pdf || 0) + 1 }
        : i === firstAccepted
          ? { ...m.quantities, rgs: Number(m.quantities.rgs || 0) + 1 }
          : m.quantities,
  }));
  return [...kept, ...members.slice(56, 60)];
}
