// The « Correspondance DS » sheet and the import fields it is seeded with: which columns of the
// démarches simplifiées export feed the members sheet by default.

import type { CellValue, SheetSpec } from '../schema';
import { SERVICES } from '../services';

/** A field the import can fill: a members column, or the "Annuaire de l'éducation" school field. */
export interface ImportField {
  readonly key: string;
  readonly label: string;
  /** Export headers accepted by default, matched ignoring case, accents and spaces. */
  readonly defaults: readonly string[];
  readonly required: 'yes' | 'one-of-school' | 'no';
  readonly description: string;
}

export const IMPORT_FIELDS: readonly ImportField[] = [
  {
    key: 'dossier',
    label: 'N° dossier',
    defaults: ['ID', 'Numéro', 'N° dossier', 'Numéro de dossier'],
    required: 'yes',
    description: 'Numéro du dossier : clé de la mise à jour.',
  },
  {
    key: 'dsState',
    label: 'État DS',
    defaults: ['État du dossier', 'Statut du dossier', 'État'],
    required: 'yes',
    description:
      'Le recensement déposé engage l’établissement ; l’acceptation par le coordonnateur lance l’activation.',
  },
  {
    key: 'depositDate',
    label: 'Déposé le',
    defaults: ['Déposé le', 'Date de dépôt'],
    required: 'no',
    description: 'Date de dépôt du recensement.',
  },
  {
    key: 'school',
    label: 'Établissement (annuaire)',
    defaults: [
      'Établissement',
      'Votre établissement',
      'Établissement scolaire',
      "Annuaire de l'éducation",
      "Établissement (Annuaire de l'éducation)",
      "Établissement (annuaire de l'Éducation nationale)",
      "Nom de l'établissement (Annuaire de l'éducation)",
    ],
    required: 'one-of-school',
    description:
      'Champ « Annuaire de l’éducation » dont le texte est « <nom>, <commune> (<UAI>) ». Obligatoire, sauf si une colonne UAI est présente.',
  },
  {
    key: 'uai',
    label: 'UAI',
    defaults: ['UAI', 'Code UAI', 'Numéro UAI', 'Établissement (UAI)', 'Établissement (Code)'],
    required: 'one-of-school',
    description:
      'Colonne contenant le code UAI seul. Obligatoire, sauf si la colonne Établissement (annuaire) est présente.',
  },
  {
    key: 'name',
    label: 'Établissement',
    defaults: ["Nom de l'établissement", 'Établissement (Nom)'],
    required: 'no',
    description: 'Nom, si l’export l’a dans une colonne à part.',
  },
  {
    key: 'commune',
    label: 'Commune',
    defaults: ['Commune', 'Établissement (Commune)'],
    required: 'no',
    description: 'Commune, si l’export l’a dans une colonne à part.',
  },
  {
    key: 'status',
    label: 'Statut',
    defaults: ["Statut de l'établissement", 'Public ou privé', 'Établissement public ou privé'],
    required: 'no',
    description: 'Public ou Privé (décide de la démarche TPE).',
  },
  {
    key: 'email',
    label: 'Adresse fonctionnelle',
    defaults: [
      'Adresse fonctionnelle',
      'Adresse électronique fonctionnelle',
      "Courriel fonctionnel de l'établissement",
    ],
    required: 'no',
    description: 'Adresse fonctionnelle de l’établissement (ce.<UAI>@…).',
  },
  {
    key: 'signerPhone',
    label: 'Portable du signataire',
    defaults: [
      'Téléphone portable du signataire',
      'Portable du signataire',
      'Numéro de portable du signataire',
    ],
    required: 'no',
    description: 'Portable qui recevra le SMS de signature de la convention.',
  },
  {
    key: 'wave',
    label: 'Vague',
    defaults: ['Vague', "Vague d'adhésion"],
    required: 'no',
    description: 'Vague d’adhésion.',
  },
  {
    key: 'censusComment',
    label: 'Commentaire du recensement',
    defaults: ['Commentaire', 'Commentaires', 'Remarques', 'Observations'],
    required: 'no',
    description: 'Commentaire libre de l’établissement dans son recensement.',
  },
  ...SERVICES.map((s): ImportField => ({
    key: `qty_${s.id}`,
    label: s.quantityHeader,
    defaults: [
      s.quantityHeader,
      s.label,
      `Nombre ${s.label}`,
      `Quantité ${s.label}`,
      `Nombre de ${s.label}`,
      `${s.label} ${s.provider}`,
    ],
    required: 'no',
    description: `Quantité recensée pour ${s.label} (${s.provider}) ; « Oui » compte pour 1.`,
  })),
];

/** The mapping sheet: which export columns feed each field; the coordinator edits one column. */
export const MAPPING_SHEET: SheetSpec = {
  key: 'mapping',
  name: 'Correspondance DS',
  purpose:
    "Quelle colonne de l'export démarches simplifiées remplit quel champ ; modifiable si l'export est personnalisé.",
  tabColor: '#8e44ad',
  seed: { keyColumn: 'field', rows: mappingRows() },
  columns: [
    {
      key: 'field',
      header: 'Champ',
      owner: 'tool',
      kind: 'text',
      width: 120,
      note: "Identifiant du champ, lu par l'outil : ne pas modifier.",
    },
    {
      key: 'label',
      header: 'Colonne du classeur',
      owner: 'tool',
      kind: 'text',
      width: 200,
      note: 'Colonne de la feuille Adhérents que ce champ remplit.',
    },
    {
      key: 'headers',
      header: "En-têtes de l'export",
      owner: 'user',
      kind: 'text',
      width: 360,
      note: "Noms possibles de la colonne dans l'export, séparés par « ; » (majuscules, accents et espaces ignorés). Modifiable : ajoutez le nom utilisé par votre modèle d'export.",
    },
    {
      key: 'required',
      header: 'Obligatoire',
      owner: 'tool',
      kind: 'text',
      width: 110,
      note: "Oui : l'import s'arrête si la colonne manque.",
    },
    {
      key: 'description',
      header: 'Description',
      owner: 'tool',
      kind: 'text',
      width: 360,
      note: 'Ce que contient le champ.',
    },
  ],
};

export function mappingRows(): Record<string, CellValue>[] {
  return IMPORT_FIELDS.map((f) => ({
    field: f.key,
    label: f.label,
    headers: f.defaults.join(' ; '),
    required:
      f.required === 'yes' ? 'Oui' : f.required === 'one-of-school' ? 'Oui (l’un des deux)' : 'Non',
    description: f.description,
  }));
}
