// "Vérifier l'installation": what each check found, turned into French lines that say OK or
// "à corriger" and what to do. Pure: the shell (src/features/diagnostic.ts) asks Apps Script, this
// decides and words the report.

import { type SheetPlan, repairReport } from './repair';
import { plural, type PlainTextBehaviour } from './text';

export const TIME_ZONE = 'Europe/Paris';
export const LOCALE = 'fr_FR';
export const TRIGGER_LIMIT = 20;
export const CONSUMER_QUOTA = 100;
export const WORKSPACE_QUOTA = 1500;
/** Below this many recipients left, a mass send would stop part-way: said "à corriger". */
export const LOW_QUOTA = 20;

export type CheckStatus = 'ok' | 'à corriger';

export interface CheckLine {
  readonly topic: string;
  readonly status: CheckStatus;
  readonly text: string;
  /** What to do, for a line to correct. */
  readonly action?: string;
}

const ok = (topic: string, text: string): CheckLine => ({ topic, status: 'ok', text });
const fix = (topic: string, text: string, action: string): CheckLine => ({
  topic,
  status: 'à corriger',
  text,
  action,
});

/** A service that answered (error undefined) or failed with `error`. */
export function serviceLine(service: string, error?: string): CheckLine {
  return error === undefined
    ? ok('Services', `${service} répond.`)
    : fix(
        'Services',
        `${service} ne répond pas : ${error}`,
        'Rechargez le classeur et relancez la vérification ; si l’erreur revient, réautorisez le script (Extensions › Apps Script, exécuter une fonction) ou attendez quelques minutes.',
      );
}

export interface ZoneFacts {
  readonly spreadsheetTimeZone: string;
  readonly scriptTimeZone: string;
  readonly locale: string;
}

export function zoneLines(facts: ZoneFacts): CheckLine[] {
  const topic = 'Fuseau horaire et langue';
  const offer =
    'Cliquez sur « Régler le fuseau horaire et la langue » ci-dessous, ou lancez « Initialiser / réparer le classeur ».';
  return [
    facts.spreadsheetTimeZone === TIME_ZONE
      ? ok(topic, `Fuseau horaire du classeur : ${TIME_ZONE}.`)
      : fix(
          topic,
          `Fuseau horaire du classeur : ${facts.spreadsheetTimeZone} au lieu de ${TIME_ZONE} : dates et heures seraient décalées.`,
          offer,
        ),
    facts.scriptTimeZone === TIME_ZONE
      ? ok(topic, `Fuseau horaire du script : ${TIME_ZONE}.`)
      : fix(
          topic,
          `Fuseau horaire du script : ${facts.scriptTimeZone} au lieu de ${TIME_ZONE} : relances et dates du Journal seraient décalées.`,
          'Dans Extensions › Apps Script › Paramètres du projet, choisissez « (GMT+01:00) Paris », ou redéployez : appsscript.json indique Europe/Paris.',
        ),
    facts.locale === LOCALE
      ? ok(topic, `Paramètres régionaux du classeur : France (${LOCALE}).`)
      : fix(
          topic,
          `Paramètres régionaux du classeur : ${facts.locale} au lieu de ${LOCALE} : une date saisie comme 28/08/2025 resterait du texte.`,
          offer,
        ),
  ];
}

/** What the probe of a temporary Plain-text cell read back. */
export interface PlainTextProbe {
  /** Written "'0123": the value read back. */
  readonly apostropheRead: string;
  /** Written "=1+1": the formula read back ('' when none). */
  readonly equalsFormula: string;
}

export function plainTextBehaviourOf(probe: PlainTextProbe): PlainTextBehaviour {
  return {
    apostropheKept: probe.apostropheRead.startsWith("'"),
    equalsIsFormula: probe.equalsFormula !== '',
  };
}

export function plainTextLines(behaviour: PlainTextBehaviour): CheckLine[] {
  const topic = 'Texte dans les colonnes « Texte brut »';
  const lines = [
    ok(
      topic,
      behaviour.apostropheKept
        ? 'Une apostrophe en tête est conservée comme un caractère : l’outil écrit le texte tel quel dans ces colonnes (mémorisé pour les prochaines écritures).'
        : 'Une apostrophe en tête est masquée : l’outil la place devant les textes qui risqueraient d’être lus comme formule, nombre ou date (mémorisé pour les prochaines écritures).',
    ),
  ];
  if (behaviour.apostropheKept && behaviour.equalsIsFormula) {
    lines.push(
      fix(
        topic,
        'Un « = » en tête devient une formule même en texte brut, et l’apostrophe y reste visible : un texte qui commence par « = » sera écrit précédé d’une apostrophe.',
        'Évitez de commencer un texte par « = » (dans Paramètres, Modèles, ou l’export) ; rien d’autre à faire.',
      ),
    );
  } else {
    lines.push(
      ok(
        topic,
        behaviour.equalsIsFormula
          ? 'Un « = » en tête devient une formule : l’outil le neutralise par une apostrophe.'
          : 'Un « = » en tête reste du texte.',
      ),
    );
  }
  return lines;
}

export interface TriggerFact {
  readonly handler: string;
  /** CLOCK, ON_EDIT, ON_OPEN… as Apps Script names the event type. */
  readonly type: string;
}

export interface TriggerFacts {
  readonly user: string;
  /** This user's triggers after the clean-up. */
  readonly triggers: readonly TriggerFact[];
  /** One-off continuation triggers deleted by the clean-up. */
  readonly cleaned: number;
  readonly remindersOn: boolean;
  /** Who turned the daily reminders on (document property), '' when unknown. */
  readonly remindersOwner: string;
  readonly remindersHandler: string;
}

const TRIGGER_TYPES: Readonly<Record<string, string>> = {
  CLOCK: 'horaire',
  ON_EDIT: 'à la modification',
  ON_OPEN: 'à l’ouverture',
  ON_CHANGE: 'au changement',
  ON_FORM_SUBMIT: 'à l’envoi de formulaire',
};

export function triggerLines(facts: TriggerFacts): CheckLine[] {
  const topic = 'Déclencheurs';
  const lines: CheckLine[] = [];
  const count = facts.triggers.length;
  const list = facts.triggers
    .map((t) => `${t.handler} (${TRIGGER_TYPES[t.type] ?? t.type})`)
    .join(', ');
  const mine = `Vos déclencheurs (${facts.user}) : ${count} sur ${TRIGGER_LIMIT} autorisés${count > 0 ? ` : ${list}` : ''}.`;
  lines.push(
    count >= TRIGGER_LIMIT - 2
      ? fix(
          topic,
          mine,
          'Supprimez les déclencheurs inutiles dans Extensions › Apps Script › Déclencheurs : au-delà de 20, l’outil ne peut plus reprendre un envoi ni programmer les relances.',
        )
      : ok(topic, mine),
  );
  if (facts.cleaned > 0) {
    lines.push(
      ok(
        topic,
        `${plural(facts.cleaned, 'déclencheur de reprise d’envoi (continueMerge) déjà servi ou en double supprimé', 'déclencheurs de reprise d’envoi (continueMerge) déjà servis ou en double supprimés')} ; une seule reprise reste programmée.`,
      ),
    );
  }
  const daily = facts.triggers.filter((t) => t.handler === facts.remindersHandler).length;
  const owner = facts.remindersOwner;
  if (!facts.remindersOn) {
    lines.push(
      daily > 0
        ? fix(
            topic,
            'Les relances quotidiennes sont désactivées, mais vous avez encore un déclencheur de relances.',
            'Choisissez l’entrée du menu « Relances quotidiennes » pour les activer puis les désactiver : le déclencheur sera supprimé.',
          )
        : ok(topic, 'Relances quotidiennes désactivées : aucun déclencheur de relances.'),
    );
  } else if (owner !== '' && owner !== facts.user) {
    lines.push(
      fix(
        topic,
        `Les relances quotidiennes ont été activées par ${owner} : le déclencheur lui appartient, vous ne pouvez ni le voir ni le supprimer.`,
        `Demandez à ${owner} de les désactiver s’il le faut, ou désactivez puis réactivez-les depuis le menu pour qu’elles partent en votre nom.`,
      ),
    );
  } else if (daily === 0) {
    lines.push(
      fix(
        topic,
        'Les relances quotidiennes sont indiquées comme activées, mais vous n’avez pas de déclencheur de relances.',
        'Choisissez l’entrée du menu « Relances quotidiennes » deux fois (désactiver puis activer).',
      ),
    );
  } else {
    lines.push(ok(topic, `Relances quotidiennes activées par vous (${facts.user}).`));
  }
  return lines;
}

export function quotaLines(remaining: number): CheckLine[] {
  const topic = 'Quota d’envoi';
  const kind =
    remaining > CONSUMER_QUOTA
      ? `compte Google Workspace (quota de ${WORKSPACE_QUOTA} destinataires par jour)`
      : `probablement un compte Gmail personnel (quota de ${CONSUMER_QUOTA} destinataires par jour), ou un quota déjà entamé aujourd’hui`;
  const text = `Il reste ${plural(remaining, 'destinataire')} pour aujourd’hui : ${kind}.`;
  return [
    remaining < LOW_QUOTA
      ? fix(
          topic,
          text,
          'Attendez que Google rende le quota (24 heures après le premier envoi de la période) avant un envoi groupé ; l’outil s’arrête proprement et reprend seul, mais un envoi partira en plusieurs fois.',
        )
      : ok(topic, text),
  ];
}

export function workbookLines(plans: readonly SheetPlan[]): CheckLine[] {
  const topic = 'Feuilles et colonnes';
  const changes = repairReport(plans);
  if (changes.length === 0)
    return [ok(topic, 'Toutes les feuilles et colonnes de l’outil sont présentes.')];
  return changes.map((change) =>
    fix(
      topic,
      `« Initialiser / réparer le classeur » ferait : ${change}`,
      'Lancez « Initialiser / réparer le classeur » (vos données ne sont pas modifiées).',
    ),
  );
}

export function settingsLines(
  problems: readonly string[],
  mailProblems: readonly string[],
): CheckLine[] {
  const topic = 'Paramètres';
  const all = [...mailProblems, ...problems];
  if (all.length === 0) return [ok(topic, 'Les paramètres sont complets et bien écrits.')];
  return all.map((problem) =>
    fix(topic, problem, 'Corrigez la cellule nommée dans la feuille « Paramètres ».'),
  );
}

/** One line of text per check, for the Journal and the execution log. */
export function reportText(line: CheckLine): string {
  const head = line.status === 'ok' ? 'OK' : 'À corriger';
  return `${head} — ${line.text}${line.action ? ` ${line.action}` : ''}`;
}

export function summaryOf(lines: readonly CheckLine[]): string {
  const toFix = lines.filter((l) => l.status !== 'ok').length;
  return toFix === 0
    ? `Installation vérifiée : ${plural(lines.length, 'point')}, tout est correct.`
    : `Installation vérifiée : ${plural(toFix, 'point')} à corriger sur ${lines.length}.`;
}
