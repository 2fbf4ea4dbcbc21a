// The activation paths of the deployment guide: for each service (and the convention), the steps from
// "to transmit" to "active", who acts at each step, the expected delay (a setting) and the next
// action in French with the addresses and links of the settings.

import { addWorkingDays, type CalendarOptions, startOfDay } from './calendar';
import type { ServiceId } from './services';
import type { IntegerSettingKey, SettingKey, Settings } from './settings';

export type Actor = 'coordinator' | 'member' | 'provider' | 'ddfip';
export type TrackedService = ServiceId | 'convention';

export const ACTOR_LABELS: Readonly<Record<Actor, string>> = {
  coordinator: 'Coordonnateur',
  member: 'Établissement',
  provider: 'Prestataire',
  ddfip: 'DDFIP',
};

/** Reads a setting as text (Settings.text). */
export type SettingText = (key: SettingKey) => string;

/** EXM's contact for TPE, as the guide gives it: address and phone from the settings. */
export const exmContact = (s: SettingText): string =>
  `${s('tpe.contactEmail')} (${s('tpe.contactTelephone')})`;

export interface Step {
  readonly id: string;
  /** Label shown in the "Étape" dropdown. */
  readonly label: string;
  /** Who must act once this step is reached. */
  readonly actor: Actor;
  /** Setting holding the delay (working days) before this step is late; none for the last step. */
  readonly delay?: IntegerSettingKey;
  /** What must happen next, in French, from the settings. */
  readonly next: (s: SettingText) => string;
  /**
   * The coordinator's message that completes this step: once it is sent, the row moves on to the
   * next step (a transmission to the provider, or the instructions to the member).
   */
  readonly completedBy?: 'transmission' | 'instructions';
  /** Labels this step had in earlier versions of the tool: a row still showing one is at this step. */
  readonly formerLabels?: readonly string[];
}

export type SchoolStatus = 'Public' | 'Privé' | '';

/**
 * Public or private, however it was typed: "privé", "Privé ", decomposed accents, "Privé sous
 * contrat", "PRIVE"… One normalisation for every comparison.
 */
export function schoolStatusOf(value: unknown): SchoolStatus {
  const key = String(value ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (key.startsWith('prive')) return 'Privé';
  if (key.startsWith('public')) return 'Public';
  return '';
}

export interface ServicePath {
  readonly service: TrackedService;
  readonly label: string;
  readonly provider: string;
  /** The steps for a public or private school (only TPE differs). */
  readonly steps: (status: SchoolStatus) => readonly Step[];
  /**
   * Who gives technical assistance (the guide: the providers, for the setting up and the whole
   * life of the contract; commercial questions go to the coordinator). None for the convention.
   */
  readonly support?: (s: SettingText) => string;
}

const TO_TRANSMIT = (provider: string): Step => ({
  id: 'to_transmit',
  label: 'À transmettre',
  actor: 'coordinator',
  delay: 'delai.coordonnateurJours',
  completedBy: 'transmission',
  next: () =>
    `Transmettre le soumissionnement à ${provider} (menu « Transmettre aux prestataires »).`,
});

const ACTIVE = (label = 'Actif'): Step => ({
  id: 'active',
  label,
  actor: 'member',
  next: () => 'Service en place : rien à faire.',
});

const vote: Step[] = [
  TO_TRANSMIT('Kercia'),
  {
    id: 'transmitted',
    label: 'Transmis à Kercia',
    actor: 'provider',
    delay: 'delai.prestataireJours',
    next: () =>
      'Kercia ouvre l’interface de vote et désigne le chargé de projet, qui prend contact avec l’établissement.',
  },
  {
    id: 'project_lead',
    label: 'Chargé de projet en contact',
    actor: 'member',
    delay: 'delai.adherentJours',
    next: () => 'Préparer le scrutin avec le chargé de projet Kercia.',
  },
  ACTIVE('Interface de vote ouverte'),
];

// TPE: no coordinator transmission in the guide. Once accepted, the school itself asks the DDFIP
// for the merchant contract (public) or contacts EXM (private): the path starts at a member step.
const TPE_FORMER = ['À transmettre', 'Transmis à EXM'];

const tpePublic: Step[] = [
  {
    id: 'start',
    label: 'Demande DDFIP à faire',
    actor: 'member',
    delay: 'delai.adherentJours',
    formerLabels: TPE_FORMER,
    next: (s) =>
      `Demander le contrat commerçant à la DDFIP avec le modèle pré-rempli : ${s('tpe.modeleDdfip')}`,
  },
  {
    id: 'ddfip_requested',
    label: 'Demande DDFIP faite',
    actor: 'ddfip',
    delay: 'delai.ddfipJours',
    next: () => 'Attendre le contrat commerçant de la DDFIP (relancer la DDFIP si besoin).',
  },
  {
    id: 'contract_received',
    label: 'Contrat commerçant reçu',
    actor: 'member',
    delay: 'delai.adherentJours',
    next: (s) => `Envoyer le contrat commerçant à ${exmContact(s)}.`,
  },
  {
    id: 'contract_sent',
    label: 'Contrat envoyé à EXM',
    actor: 'provider',
    delay: 'delai.prestataireJours',
    next: () => 'EXM met en service les terminaux.',
  },
  ACTIVE('TPE en service'),
];

const tpePrivate: Step[] = [
  {
    id: 'start',
    label: 'EXM à contacter',
    actor: 'member',
    delay: 'delai.adherentJours',
    formerLabels: TPE_FORMER,
    next: (s) => `Établissement privé : contacter directement EXM, ${exmContact(s)}.`,
  },
  {
    id: 'provider_contacted',
    label: 'EXM contacté',
    actor: 'provider',
    delay: 'delai.prestataireJours',
    next: () => 'EXM met en service les terminaux.',
  },
  ACTIVE('TPE en service'),
];

const pdf: Step[] = [
  TO_TRANSMIT('Foxit'),
  {
    id: 'transmitted',
    label: 'Transmis à Foxit',
    actor: 'provider',
    delay: 'delai.prestataireJours',
    next: (s) =>
      `Foxit ouvre la console d’administration des licences et écrit à l’adresse fonctionnelle (ce. ou gestion.) : le premier mail est EN ANGLAIS, vérifier aussi les indésirables (adhérents du printemps : mail du ${s('foxit.dateMailPrintemps')}).`,
  },
  {
    id: 'mail_received',
    label: 'Mail Foxit reçu',
    actor: 'member',
    delay: 'delai.adherentJours',
    next: () =>
      'Se connecter à la console Foxit et attribuer les licences (console et documentation en français).',
  },
  ACTIVE('Licences attribuées'),
];

// Certificats RGS**: no coordinator transmission in the guide; once accepted, the school sends its
// own purchase order to Certigna.
const rgs: Step[] = [
  {
    id: 'start',
    label: 'Bon de commande à envoyer',
    actor: 'member',
    delay: 'delai.adherentJours',
    formerLabels: ['À transmettre', 'Transmis à Certigna'],
    next: (s) =>
      `Envoyer le bon de commande / engagement juridique à ${s('certigna.adresseCommande')}, objet du message et de l’EJ : « ${s('certigna.objet')} ».`,
  },
  {
    id: 'order_sent',
    label: 'Bon de commande envoyé',
    actor: 'provider',
    delay: 'certigna.delaiHeures',
    next: (s) =>
      `Certigna traite la commande dans les ${s('certigna.delaiHeures')} heures (sinon : support Certigna).`,
  },
  {
    id: 'order_processed',
    label: 'Commande traitée',
    actor: 'member',
    delay: 'delai.adherentJours',
    next: () =>
      'Demander le certificat en suivant les procédures indiquées par Certigna ; le support Certigna accompagne en cas de difficulté.',
  },
  ACTIVE('Certificat délivré'),
];

const signature: Step[] = [
  TO_TRANSMIT('Yousign'),
  {
    id: 'transmitted',
    label: 'Transmis à Yousign',
    actor: 'provider',
    delay: 'delai.prestataireJours',
    next: () => 'Yousign crée le compte sur l’adresse fonctionnelle (ce. ou gestion.).',
  },
  {
    id: 'account_created',
    label: 'Compte créé',
    actor: 'member',
    delay: 'delai.adherentJours',
    next: () =>
      'Première connexion : utiliser « mot de passe oublié » pour choisir son mot de passe. Un deuxième compte se demande au groupement.',
  },
  ACTIVE('Compte utilisé'),
];

const convention: Step[] = [
  {
    id: 'to_send',
    label: 'Formulaire à envoyer',
    actor: 'coordinator',
    delay: 'delai.coordonnateurJours',
    completedBy: 'instructions',
    next: (s) =>
      `Envoyer à l’établissement le lien du formulaire de signature en ligne : ${s('convention.formulaire')}`,
  },
  {
    id: 'form_sent',
    label: 'Formulaire envoyé',
    actor: 'member',
    delay: 'delai.adherentJours',
    next: () =>
      'Le chef d’établissement signe en ligne (SMS de confirmation sur le portable du signataire) ; une convention manuscrite n’est pas prise en compte.',
  },
  {
    id: 'signed_member',
    label: 'Signée par l’adhérent',
    actor: 'coordinator',
    delay: 'delai.coordonnateurJours',
    next: () => 'Contresigner en ligne (chef d’établissement support).',
  },
  {
    id: 'received',
    label: 'Signée par les deux parties',
    actor: 'member',
    next: () => 'Convention signée : chaque partie en a reçu un exemplaire.',
  },
];

export const PATHS: readonly ServicePath[] = [
  {
    service: 'convention',
    label: 'Convention',
    provider: 'Yousign (formulaire)',
    steps: () => convention,
  },
  {
    service: 'vote',
    label: 'Vote électronique',
    provider: 'Kercia',
    steps: () => vote,
    support: () => 'Kercia, avec le chargé de projet qui accompagne votre établissement',
  },
  {
    service: 'tpe',
    label: 'TPE',
    provider: 'EXM',
    steps: (status) => (status === 'Privé' ? tpePrivate : tpePublic),
    support: (s) => `EXM, ${exmContact(s)}`,
  },
  {
    service: 'pdf',
    label: 'Logiciel PDF',
    provider: 'Foxit',
    steps: () => pdf,
    support: () => 'Foxit',
  },
  {
    service: 'rgs',
    label: 'Certificats RGS**',
    provider: 'Certigna',
    steps: () => rgs,
    support: () => 'le support Certigna',
  },
  {
    service: 'signature',
    label: 'Signature électronique',
    provider: 'Yousign',
    steps: () => signature,
    support: () => 'Yousign',
  },
];

export function pathOf(service: TrackedService): ServicePath {
  const found = PATHS.find((p) => p.service === service);
  if (!found) throw new Error(`Unknown service ${service}`);
  return found;
}

export function pathByLabel(label: string): ServicePath | undefined {
  return PATHS.find((p) => p.label === label);
}

/**
 * The day a step reached on `since` is due: a delay in working days (the school's calendar) or,
 * for a setting in hours (Certigna's 72 hours), that many hours counted from the step's date — a
 * date without a time of day is the whole day, so 72 hours from 2 March end on 5 March.
 */
export function stepDeadline(
  step: Step,
  since: Date,
  settings: Settings,
  options: CalendarOptions = {},
): Date | undefined {
  if (!step.delay) return undefined;
  const value = settings.get(step.delay);
  if (isHoursDelay(step)) {
    return startOfDay(new Date(since.getTime() + value * 3_600_000));
  }
  return addWorkingDays(since, value, options);
}

/** Is this step's delay counted in hours (a setting whose key ends in « Heures »)? */
export const isHoursDelay = (step: Step): boolean => (step.delay ?? '').endsWith('Heures');
