// The « Paramètres » sheet and the settings it holds: every value that changes from year to year,
// with the deployment guide's values as defaults and a French description of each.

import type { SheetSpec } from '../schema';

export type SettingType = 'text' | 'email' | 'url' | 'integer' | 'yesno' | 'list';

export interface SettingSpec {
  readonly key: string;
  readonly label: string;
  readonly type: SettingType;
  readonly defaultValue: string | number;
  readonly description: string;
  /** An empty value is allowed (the feature that needs it says so when it runs). */
  readonly optional?: boolean;
}

export const SETTINGS = [
  {
    key: 'groupement.nom',
    label: 'Nom du groupement',
    type: 'text',
    defaultValue: "Groupement d'achats services numériques",
    description: "Nom affiché dans les messages et les pages de l'outil.",
  },
  {
    key: 'groupement.adresse',
    label: 'Adresse fonctionnelle du groupement',
    type: 'email',
    defaultValue: 'ce.0540015y_ga@ac-nancy-metz.fr',
    description:
      'Adresse de réponse de tous les envois ; les adhérents écrivent à cette adresse (délai moyen de réponse annoncé : voir « Délai moyen de réponse »).',
  },
  {
    key: 'groupement.uaiSupport',
    label: 'UAI de l’établissement support',
    type: 'text',
    defaultValue: '0540015Y',
    description:
      'Établissement coordonnateur (support) : il a mené les mises en concurrence et signé les actes d’engagement au nom de tous, transmet les soumissionnements aux prestataires et signe chaque convention avec le chef d’établissement adhérent.',
  },
  {
    key: 'groupement.academie',
    label: 'Académie',
    type: 'text',
    defaultValue: 'Nancy-Metz',
    description: 'Académie des adhérents.',
  },
  {
    key: 'groupement.departements',
    label: 'Départements de l’académie',
    type: 'list',
    defaultValue: '054, 055, 057, 088',
    description:
      "Préfixes UAI (3 chiffres) des départements de l'académie, séparés par des virgules ; un UAI d'un autre département donne un avertissement.",
  },
  {
    key: 'groupement.domaine',
    label: 'Domaine des adresses fonctionnelles',
    type: 'text',
    defaultValue: 'ac-nancy-metz.fr',
    description: 'Domaine attendu des adresses fonctionnelles des établissements (ce.<UAI>@…).',
  },
  {
    key: 'groupement.delaiReponseJours',
    label: 'Délai moyen de réponse (jours)',
    type: 'integer',
    defaultValue: 7,
    description:
      'Délai moyen de réponse du groupement aux courriels des adhérents (le guide : 7 jours, c’est une moyenne et non un engagement), rappelé dans les messages ; une demande sans réponse au-delà est signalée au coordonnateur.',
  },
  {
    key: 'groupement.tchap',
    label: 'Salon Tchap des adhérents',
    type: 'url',
    defaultValue:
      'https://tchap.gouv.fr/#/room/!bDfEsGeUdZOqDcDKov:agent.education.tchap.gouv.fr?via=agent.education.tchap.gouv.fr',
    description: 'Salon Tchap dédié aux adhérents du groupement.',
  },
  {
    key: 'expediteur.nom',
    label: "Nom de l'expéditeur",
    type: 'text',
    defaultValue: "Groupement d'achats – services numériques",
    description: 'Nom affiché comme expéditeur des courriels.',
  },
  {
    key: 'coordonnateur.email',
    label: 'Adresse du coordonnateur',
    type: 'email',
    defaultValue: '',
    optional: true,
    description:
      "Reçoit les envois de test, les alertes et le récapitulatif quotidien. Vide : l'adresse du compte qui utilise l'outil.",
  },
  {
    key: 'convention.formulaire',
    label: 'Formulaire de signature de la convention',
    type: 'url',
    defaultValue: 'https://yousign.app/workflows/forms/1553891f-835a-461a-afe8-a37335d5c305',
    description:
      'Formulaire en ligne (Yousign) : seules les conventions signées en ligne sont prises en compte, les conventions manuscrites sont refusées. Le portable du signataire reçoit un SMS de confirmation.',
  },
  {
    key: 'tpe.modeleDdfip',
    label: 'Modèle pré-rempli de demande DDFIP (TPE)',
    type: 'url',
    defaultValue: 'https://cloud.entre-meurthe-et-sanon.fr/index.php/s/PjHTjJj8EP9ZPQb',
    description:
      'Établissements publics : demande de contrat commerçant à la DDFIP avec ce modèle, puis envoi du contrat au prestataire.',
  },
  {
    key: 'tpe.contactEmail',
    label: 'Contact EXM (TPE)',
    type: 'email',
    defaultValue: 'veronique.vezine@exm.fr',
    description:
      'Destinataire du contrat commerçant (établissements publics) ; les établissements privés le contactent directement.',
  },
  {
    key: 'tpe.contactTelephone',
    label: 'Téléphone du contact EXM',
    type: 'text',
    defaultValue: '04 72 69 06 84',
    description: 'Téléphone du contact EXM pour les TPE.',
  },
  {
    key: 'certigna.adresseCommande',
    label: 'Adresse des bons de commande Certigna',
    type: 'email',
    defaultValue: 'bondecommande@certigna.fr',
    description:
      'Les adhérents y envoient leur bon de commande / engagement juridique (EJ) pour les certificats RGS**.',
  },
  {
    key: 'certigna.objet',
    label: 'Objet du message et de l’EJ Certigna',
    type: 'text',
    defaultValue: 'marché groupement LDMEMS',
    description: "Objet obligatoire du courriel et de l'engagement juridique envoyés à Certigna.",
  },
  {
    key: 'certigna.delaiHeures',
    label: 'Délai de traitement Certigna (heures)',
    type: 'integer',
    defaultValue: 72,
    description:
      'Les commandes sont traitées dans ce délai ; ensuite, demande du certificat selon la procédure sécurisée de Certigna (support Certigna en cas de difficulté).',
  },
  {
    key: 'foxit.dateMailPrintemps',
    label: 'Date du mail Foxit (adhérents du printemps)',
    type: 'text',
    defaultValue: '28 ou 29 août',
    description:
      "Le premier mail de Foxit arrive sur l'adresse fonctionnelle (ce. ou gestion.) et il est EN ANGLAIS ; console, logiciel et documentation sont ensuite en français.",
  },
  {
    key: 'replay.tpe',
    label: 'Replay de la visio TPE',
    type: 'url',
    defaultValue:
      'https://bbb-adm-scalelite.visio.education.fr/playback/presentation/2.3/8f59e0d19e7ee7532bc1fcc4329a869e4217a736-1758697011454',
    description: 'Enregistrement de la visio de présentation des TPE.',
  },
  {
    key: 'replay.vote',
    label: 'Replay de la visio vote électronique',
    type: 'url',
    defaultValue:
      'https://bbb-adm-scalelite.visio.education.fr/playback/presentation/2.3/8f59e0d19e7ee7532bc1fcc4329a869e4217a736-1757678375464',
    description: 'Enregistrement de la visio de présentation du vote électronique.',
  },
  {
    key: 'envois.modeTest',
    label: 'Mode test des envois',
    type: 'yesno',
    defaultValue: 'Non',
    description:
      'Oui : tous les messages partent vers l’adresse du coordonnateur, avec « [TEST] » dans l’objet (sans copie). Non : envois réels.',
  },
  {
    key: 'transmission.kercia',
    label: 'Adresse de transmission Kercia',
    type: 'email',
    defaultValue: '',
    optional: true,
    description: 'Destinataire du soumissionnement « Vote électronique » (à compléter).',
  },
  {
    key: 'transmission.exmListe',
    label: 'Liste des adhérents TPE envoyée à EXM',
    type: 'yesno',
    defaultValue: 'Non',
    description:
      'Facultatif, hors modalités de déploiement : le guide ne prévoit pas de transmission à EXM (chaque établissement envoie lui-même son contrat commerçant, ou contacte EXM s’il est privé). Oui : « Transmettre aux prestataires » envoie aussi à EXM, pour information, la liste des établissements ayant recensé des TPE (sans changer leur étape).',
  },
  {
    key: 'transmission.exm',
    label: 'Adresse de transmission EXM',
    type: 'email',
    defaultValue: '',
    optional: true,
    description:
      'Destinataire de la liste facultative des adhérents TPE (voir « Liste des adhérents TPE envoyée à EXM ») ; à compléter seulement si cette liste est envoyée.',
  },
  {
    key: 'transmission.foxit',
    label: 'Adresse de transmission Foxit',
    type: 'email',
    defaultValue: '',
    optional: true,
    description: 'Destinataire du soumissionnement « Logiciel PDF » (à compléter).',
  },
  {
    key: 'transmission.yousign',
    label: 'Adresse de transmission Yousign',
    type: 'email',
    defaultValue: '',
    optional: true,
    description: 'Destinataire du soumissionnement « Signature électronique » (à compléter).',
  },
  {
    key: 'relances.heure',
    label: 'Heure des relances quotidiennes',
    type: 'integer',
    defaultValue: 7,
    description:
      'Heure (0 à 23, heure de Paris) à laquelle Google lance les relances chaque jour (à un moment de cette heure-là).',
  },
  {
    key: 'relances.pauseVacances',
    label: 'Pas de relance pendant les vacances scolaires',
    type: 'yesno',
    defaultValue: 'Oui',
    description:
      'Oui : aucune relance aux adhérents pendant les vacances de la feuille Calendrier (zone B). Jamais de relance le week-end ni un jour férié.',
  },
  {
    key: 'delai.coordonnateurJours',
    label: 'Délai du coordonnateur (jours ouvrés)',
    type: 'integer',
    defaultValue: 5,
    description:
      'Au-delà, une étape qui attend le coordonnateur (transmission au prestataire, contre-signature) est en retard. Valeur par défaut de l’outil : le guide ne fixe pas ce délai.',
  },
  {
    key: 'delai.prestataireJours',
    label: 'Délai des prestataires (jours ouvrés)',
    type: 'integer',
    defaultValue: 10,
    description:
      'Au-delà, une étape qui attend un prestataire (ouverture de l’interface, création du compte, mail Foxit) est en retard. Valeur par défaut de l’outil : le guide ne fixe pas ce délai.',
  },
  {
    key: 'delai.adherentJours',
    label: 'Délai des adhérents (jours ouvrés)',
    type: 'integer',
    defaultValue: 15,
    description:
      'Au-delà, une étape qui attend l’établissement (signature, bon de commande, première connexion) est en retard. Valeur par défaut de l’outil : le guide ne fixe pas ce délai.',
  },
  {
    key: 'delai.ddfipJours',
    label: 'Délai de la DDFIP (jours ouvrés)',
    type: 'integer',
    defaultValue: 20,
    description:
      'Délai laissé à la DDFIP pour répondre à une demande de contrat commerçant (TPE, public). Valeur par défaut de l’outil : le guide ne fixe pas ce délai.',
  },
  {
    key: 'quantite.max',
    label: 'Quantité maximale par service',
    type: 'integer',
    defaultValue: 50,
    description: 'Au-delà, une quantité recensée est signalée comme anomalie (saisie à vérifier).',
  },
] as const satisfies readonly SettingSpec[];

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
