// Realistic census dossiers for the fake démarches simplifiées: built from the sample members, with
// the states, the "Annuaire de l'éducation" value shape, checkbox and yes/no answers, integers sent
// as strings, layout champs; and the CSV export the platform would give for the same dossiers.

import type { CellValue } from '../../src/core/schema';
import { SERVICES } from '../../src/core/services';
import { formatDate } from '../emulator';
import { DS_FIXED_HEADERS, toCsv } from '../sample/ds-export';
import type { SampleMember } from '../sample/members';

export type DossierState =
  'en_construction' | 'en_instruction' | 'accepte' | 'refuse' | 'sans_suite';

export interface FakeChamp {
  readonly __typename: string;
  readonly id: string;
  readonly champDescriptorId: string;
  readonly label: string;
  readonly stringValue: string | null;
  readonly updatedAt: string;
  readonly prefilled: boolean;
  readonly value?: string | boolean | null;
}

export interface FakeDossier {
  readonly id: string;
  readonly number: number;
  state: DossierState;
  archived: boolean;
  readonly dateDepot: string;
  dateDerniereModification: string;
  datePassageEnInstruction: string | null;
  dateTraitement: string | null;
  motivation: string | null;
  readonly usager: { readonly id: string; readonly email: string };
  readonly demandeur: {
    readonly __typename: 'PersonneMorale';
    readonly siret: string;
    readonly libelleNaf: string;
    readonly address: { readonly label: string };
  };
  champs: FakeChamp[];
  readonly annotations: FakeChamp[];
  readonly labels: { id: string; name: string }[];
  readonly traitements: { state: DossierState; dateTraitement: string }[];
}

export interface ChampDescriptor {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  readonly required: boolean;
}

/** The census form: its fields in order, their type, and the GraphQL type of their champ. */
const FORM: readonly { label: string; type: string; typename: string }[] = [
  { label: 'Votre établissement', type: 'header_section', typename: 'HeaderSectionChamp' },
  { label: 'Établissement', type: 'annuaire_education', typename: 'AnnuaireEducationChamp' },
  { label: "Statut de l'établissement", type: 'drop_down_list', typename: 'DropDownListChamp' },
  { label: 'Adresse fonctionnelle', type: 'email', typename: 'TextChamp' },
  { label: 'Téléphone portable du signataire', type: 'phone', typename: 'TextChamp' },
  { label: 'Vague', type: 'drop_down_list', typename: 'DropDownListChamp' },
  { label: 'Vos besoins', type: 'header_section', typename: 'HeaderSectionChamp' },
  ...SERVICES.map((s) =>
    s.id === 'vote'
      ? { label: s.quantityHeader, type: 'checkbox', typename: 'CheckboxChamp' }
      : s.id === 'signature'
        ? { label: s.quantityHeader, type: 'yes_no', typename: 'YesNoChamp' }
        : { label: s.quantityHeader, type: 'integer_number', typename: 'IntegerNumberChamp' },
  ),
  { label: 'Commentaire', type: 'textarea', typename: 'TextChamp' },
];

export const CHAMP_DESCRIPTORS: readonly ChampDescriptor[] = FORM.map((f, i) => ({
  id: `Q2hhbXAtJ${100 + i}`,
  label: f.label,
  type: f.type,
  required: f.type !== 'header_section' && f.type !== 'textarea',
}));

const STATES: Readonly<Record<string, DossierState>> = {
  'En construction': 'en_construction',
  'En instruction': 'en_instruction',
  Accepté: 'accepte',
  Refusé: 'refuse',
  'Classé sans suite': 'sans_suite',
};

/** An instant as the API writes it: ISO 8601, Paris wall time with its offset. */
export function isoParis(at: Date | number): string {
  return formatDate(new Date(at), 'Europe/Paris', "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** The same instant as a CSV export writes it ("2025-09-12 10:31:02 +0200"). */
function exportDate(iso: string | null): string {
  if (!iso) return '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${iso.slice(19, 22)}${iso.slice(23, 25)}`;
}

const HOUR = 3_600_000;

function champ(
  dossier: number,
  index: number,
  value: string | boolean | null,
  updatedAt: string,
): FakeChamp {
  const form = FORM[index];
  const base = {
    __typename: form.typename,
    id: `Q2hhbXAtJ${dossier}-${index}`,
    champDescriptorId: CHAMP_DESCRIPTORS[index].id,
    label: form.label,
    updatedAt,
    prefilled: false,
  };
  switch (form.typename) {
    case 'HeaderSectionChamp':
      return { ...base, stringValue: null };
    case 'CheckboxChamp':
    case 'YesNoChamp':
      // The API's stringValue of a boolean is "true" / "false"; the export writes Oui / Non.
      return { ...base, value, stringValue: value === true ? 'true' : 'false' };
    case 'AnnuaireEducationChamp':
      return { ...base, stringValue: String(value ?? '') };
    default:
      return {
        ...base,
        value: value === '' ? null : value,
        stringValue: value === null ? null : String(value),
      };
  }
}

/** The champs of a member's census. */
export function champsOf(member: SampleMember, dossier: number, updatedAt: string): FakeChamp[] {
  const quantity = (id: string): number | '' => {
    const q = member.quantities[id];
    return q === '' || q === undefined ? '' : Number(String(q).trim());
  };
  const values: (string | boolean | null)[] = FORM.map((f) => {
    switch (f.label) {
      case 'Établissement':
        return `${member.name}, ${member.commune} (${member.uai})`;
      case "Statut de l'établissement":
        return member.status;
      case 'Adresse fonctionnelle':
        return member.email;
      case 'Téléphone portable du signataire':
        return member.signerPhone;
      case 'Vague':
        return member.wave;
      case 'Commentaire':
        return member.comment;
    }
    const service = SERVICES.find((s) => s.quantityHeader === f.label);
    if (!service) return null;
    const q = quantity(service.id);
    if (f.typename === 'CheckboxChamp') return q !== '' && q > 0;
    // An unanswered yes/no is null (the API) and "Non" (the export).
    if (f.typename === 'YesNoChamp') return q === '' ? (dossier % 3 === 0 ? null : false) : q > 0;
    return q === '' ? '' : String(q);
  });
  return values.map((v, i) => champ(dossier, i, v, updatedAt));
}

/** A member's dossier: deposited on its deposit day, then instructed and decided as its state says. */
export function dossierOf(member: SampleMember, index: number, now: number): FakeDossier {
  const number = 18_100_000 + index * 37;
  // Every date is in the past of the fake's clock: a change made now is the newest.
  const past = (at: number): number => Math.min(at, now - HOUR - (index % 50) * 60_000);
  const deposit = past(member.depositDate.getTime() + 10 * HOUR + (index % 50) * 60_000);
  const state = STATES[member.dsState] ?? 'en_construction';
  const instructed = state === 'en_construction' ? null : isoParis(past(deposit + 48 * HOUR));
  const decided = ['accepte', 'refuse', 'sans_suite'].includes(state)
    ? isoParis(past(deposit + 120 * HOUR))
    : null;
  const modified = decided ?? instructed ?? isoParis(deposit);
  return {
    id: Buffer.from(`Dossier-${number}`).toString('base64'),
    number,
    state,
    archived: false,
    dateDepot: isoParis(deposit),
    dateDerniereModification: modified,
    datePassageEnInstruction: instructed,
    dateTraitement: decided,
    motivation: state === 'refuse' ? 'Établissement hors du périmètre du groupement.' : null,
    usager: {
      id: `VXNhZ2VyLT${index}`,
      email: `secretariat.${member.uai.toLowerCase()}@ac-nancy-metz.fr`,
    },
    demandeur: {
      __typename: 'PersonneMorale',
      siret: `1954${String(number).slice(-6)}00011`,
      libelleNaf: 'Enseignement secondaire général',
      address: { label: `${member.commune.toUpperCase()}` },
    },
    champs: champsOf(member, number, isoParis(deposit)),
    annotations: [],
    labels: [],
    traitements: decided ? [{ state, dateTraitement: decided }] : [],
  };
}

const STATE_EXPORT: Readonly<Record<DossierState, string>> = {
  en_construction: 'En construction',
  en_instruction: 'En instruction',
  accepte: 'Accepté',
  refuse: 'Refusé',
  sans_suite: 'Classé sans suite',
};

/** A champ as the CSV export writes it: booleans as Oui / Non (unanswered yes/no: Non). */
function exportValue(c: FakeChamp): string {
  if (c.__typename === 'CheckboxChamp' || c.__typename === 'YesNoChamp')
    return c.value === true ? 'Oui' : 'Non';
  return c.stringValue ?? '';
}

/**
 * The rows of the CSV export of these dossiers: the platform's column list, layout champs left out,
 * dossiers by number.
 */
export function exportRowsOfDossiers(
  dossiers: readonly FakeDossier[],
  descriptors: readonly ChampDescriptor[] = CHAMP_DESCRIPTORS,
): CellValue[][] {
  const fields = descriptors.filter((d) => d.type !== 'header_section').map((d) => d.label);
  const rows = [...dossiers]
    .sort((a, b) => a.number - b.number)
    .map((d) => {
      const fixed: Record<string, CellValue> = {
        ID: String(d.number),
        Email: d.usager.email,
        'FranceConnect ?': 'false',
        'Établissement SIRET': d.demandeur.siret,
        'Établissement siège social': 'true',
        'Établissement libellé NAF': d.demandeur.libelleNaf,
        'Établissement localité': d.demandeur.address.label,
        'À archiver': d.archived ? 'true' : 'false',
        'État du dossier': STATE_EXPORT[d.state],
        'Dernière mise à jour le': exportDate(d.dateDerniereModification),
        'Dernière mise à jour du dossier le': exportDate(d.dateDerniereModification),
        'Déposé le': exportDate(d.dateDepot),
        'Passé en instruction le': exportDate(d.datePassageEnInstruction),
        'Traité le': exportDate(d.dateTraitement),
        'Motivation de la décision': d.motivation ?? '',
        Instructeurs: 'coordination@example.fr',
      };
      const byLabel = new Map(d.champs.map((c) => [c.label, exportValue(c)]));
      return [
        ...DS_FIXED_HEADERS.map((h) => fixed[h] ?? ''),
        ...fields.map((f) => byLabel.get(f) ?? ''),
      ];
    });
  return [[...DS_FIXED_HEADERS, ...fields], ...rows];
}

export function exportCsvOfDossiers(
  dossiers: readonly FakeDossier[],
  descriptors: readonly ChampDescriptor[] = CHAMP_DESCRIPTORS,
): string {
  return toCsv(exportRowsOfDossiers(dossiers, descriptors));
}
