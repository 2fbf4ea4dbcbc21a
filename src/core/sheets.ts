// The sheets the tool needs, with their columns. Initialising or repairing the workbook creates
// exactly these; every feature reads and writes them through these specs.

import type { ColumnSpec, SheetSpec } from './schema';
import { SERVICES } from './services';
import { SETTINGS } from './settings';

export const DS_STATES = [
  'Accepté',
  'En instruction',
  'En construction',
  'Refusé',
  'Classé sans suite',
] as const;
export const SCHOOL_STATUSES = ['Public', 'Privé'] as const;
export const CONVENTION_STATES = ['Signée en ligne', 'En attente', 'Manuscrite'] as const;

export const SETTINGS_SHEET: SheetSpec = {
  key: 'settings',
  name: 'Paramètres',
  purpose: "Adresses, liens, délais et options de l'outil ; seule la colonne Valeur se modifie.",
  tabColor: '#7f8c8d',
  seed: {
    keyColumn: 'key',
    rows: SETTINGS.map((s) => ({
      key: s.key,
      label: s.label,
      value: s.defaultValue,
      description: s.description,
    })),
  },
  columns: [
    {
      key: 'key',
      header: 'Clé',
      owner: 'tool',
      kind: 'text',
      width: 190,
      note: "Identifiant du paramètre, lu par l'outil : ne pas modifier.",
    },
    {
      key: 'label',
      header: 'Paramètre',
      owner: 'tool',
      kind: 'text',
      width: 260,
      note: 'Nom du paramètre.',
    },
    {
      key: 'value',
      header: 'Valeur',
      owner: 'user',
      kind: 'code',
      width: 320,
      note: "Valeur utilisée par l'outil. Modifiable. Vide : la valeur par défaut (modalités de déploiement) s'applique, sauf mention contraire.",
    },
    {
      key: 'description',
      header: 'Description',
      owner: 'tool',
      kind: 'text',
      width: 420,
      note: 'À quoi sert le paramètre.',
    },
  ],
};

const quantityColumns: ColumnSpec[] = SERVICES.map((service) => ({
  key: `qty_${service.id}`,
  header: service.quantityHeader,
  owner: 'user',
  kind: 'integer',
  width: 120,
  note: `${service.label} (${service.provider}) : quantité recensée (${service.unit}), nombre entier ; 0 ou vide si le service n'est pas pris.`,
}));

export const MEMBERS_SHEET: SheetSpec = {
  key: 'members',
  name: 'Adhérents',
  purpose: 'Un établissement adhérent par ligne : son recensement, sa convention et ses quantités.',
  tabColor: '#2e86c1',
  columns: [
    {
      key: 'dossier',
      header: 'N° dossier',
      owner: 'user',
      kind: 'code',
      width: 90,
      aliases: ['Dossier', 'ID'],
      note: 'Numéro du dossier de recensement sur démarches simplifiées.',
    },
    {
      key: 'uai',
      header: 'UAI',
      owner: 'user',
      kind: 'uai',
      width: 90,
      note: "Code UAI de l'établissement : 7 caractères et une lettre de contrôle (ex. 0540015Y).",
    },
    {
      key: 'name',
      header: 'Établissement',
      owner: 'user',
      kind: 'text',
      width: 260,
      note: "Nom de l'établissement.",
    },
    {
      key: 'commune',
      header: 'Commune',
      owner: 'user',
      kind: 'text',
      width: 140,
      note: "Commune de l'établissement.",
    },
    {
      key: 'status',
      header: 'Statut',
      owner: 'user',
      kind: 'choice',
      choices: SCHOOL_STATUSES,
      width: 80,
      note: 'Public ou Privé : décide de la démarche TPE (public : contrat commerçant DDFIP ; privé : contact direct du prestataire).',
    },
    {
      key: 'email',
      header: 'Adresse fonctionnelle',
      owner: 'user',
      kind: 'email',
      width: 230,
      note: "Adresse fonctionnelle de l'établissement (ce.<UAI>@… ou gestion.…) : les prestataires y écrivent (Foxit, Yousign).",
    },
    {
      key: 'dsState',
      header: 'État DS',
      owner: 'user',
      kind: 'choice',
      choices: DS_STATES,
      width: 120,
      note: "État du dossier sur démarches simplifiées. Le recensement validé et transmis (déposé : « En construction » ou « En instruction ») engage l'établissement : seule la force majeure permet de se dédire. L'acceptation (« Accepté ») par le coordonnateur lance l'activation. « Refusé » et « Classé sans suite » : rien n'est activé.",
    },
    {
      key: 'depositDate',
      header: 'Déposé le',
      owner: 'user',
      kind: 'date',
      width: 100,
      note: 'Date de dépôt du recensement.',
    },
    {
      key: 'convention',
      header: 'Convention',
      owner: 'user',
      kind: 'choice',
      choices: CONVENTION_STATES,
      width: 130,
      note: 'Seules les conventions signées en ligne sont prises en compte ; une convention manuscrite est refusée.',
    },
    {
      key: 'signatureDate',
      header: 'Signée le',
      owner: 'user',
      kind: 'date',
      width: 100,
      note: 'Date de signature en ligne de la convention (par le chef d’établissement adhérent et le chef d’établissement support).',
    },
    {
      key: 'signerPhone',
      header: 'Portable du signataire',
      owner: 'user',
      kind: 'phone',
      width: 130,
      note: 'Portable de la personne habilitée à signer : il reçoit le SMS de confirmation de la signature en ligne (ce numéro sert uniquement à la signature électronique).',
    },
    {
      key: 'wave',
      header: 'Vague',
      owner: 'user',
      kind: 'text',
      width: 110,
      note: "Vague d'adhésion (ex. « Automne 2025 », « Printemps 2026 ») : les adhérents du printemps ont leur propre calendrier.",
    },
    ...quantityColumns,
    {
      key: 'censusComment',
      header: 'Commentaire du recensement',
      owner: 'user',
      kind: 'text',
      width: 240,
      note: "Commentaire libre de l'établissement dans son recensement démarches simplifiées, repris par l'import.",
    },
    {
      key: 'comment',
      header: 'Commentaire',
      owner: 'user',
      kind: 'text',
      width: 200,
      note: "Libre : l'outil n'écrit jamais dans cette colonne.",
    },
    {
      key: 'check',
      header: 'Contrôle',
      owner: 'tool',
      kind: 'text',
      width: 110,
      note: '« Valide », « À vérifier » (avertissements) ou « Bloquant » : résultat de « Valider les recensements ». Seuls les recensements acceptés sur démarches simplifiées et sans anomalie bloquante comptent.',
    },
    {
      key: 'issues',
      header: 'Anomalies',
      owner: 'tool',
      kind: 'text',
      width: 360,
      note: 'Ce qu’il faut corriger sur la ligne, avec le code de chaque règle. Les cellules concernées portent une note et une couleur (rouge : bloquant, orange : avertissement).',
    },
    {
      key: 'importNote',
      header: 'Import DS',
      owner: 'tool',
      kind: 'text',
      width: 220,
      note: 'Ce que le dernier import de l’export démarches simplifiées a fait sur la ligne : nouvelle, mise à jour (colonnes modifiées), absente de l’export, refusée ou classée sans suite.',
    },
  ],
};

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
