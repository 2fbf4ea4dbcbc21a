// Validation of the members' census (recensements): each rule has a code, a severity and a French
// message that says how to fix the row. Pure: rows in, results out.

import { schoolStatusOf } from './catalogue';
import type { CellValue } from './schema';
import { MEMBERS_SHEET } from './workbook/members';
import { SERVICES } from './services';
import { isEmailAddress } from './settings';
import { cellText, formatDateFr, normalizeKey, rawText } from './text';
import { checkUai, hasInvisible, showInvisible, uaiDepartement } from './uai';

export type Severity = 'bloquant' | 'avertissement';
export type RowStatus = 'ok' | 'warning' | 'blocking';

/** Every rule, with its severity and the title under which the summary groups it. */
export const RULES = {
  UAI_MISSING: { severity: 'bloquant', title: 'UAI absent' },
  UAI_FORMAT: { severity: 'bloquant', title: 'UAI mal formé' },
  UAI_CHECK: { severity: 'bloquant', title: 'Lettre de contrôle de l’UAI incorrecte' },
  UAI_INVISIBLE: { severity: 'avertissement', title: 'Caractère invisible dans l’UAI' },
  UAI_DEPARTEMENT: { severity: 'avertissement', title: 'UAI hors de l’académie' },
  UAI_DUPLICATE: { severity: 'bloquant', title: 'UAI en double' },
  DOSSIER_DUPLICATE: { severity: 'bloquant', title: 'N° de dossier en double' },
  NAME_MISSING: { severity: 'avertissement', title: 'Nom de l’établissement absent' },
  EMAIL_MISSING: { severity: 'avertissement', title: 'Adresse fonctionnelle absente' },
  EMAIL_SYNTAX: { severity: 'bloquant', title: 'Adresse fonctionnelle invalide' },
  EMAIL_CONVENTION: { severity: 'avertissement', title: 'Adresse fonctionnelle inhabituelle' },
  DS_PENDING: {
    severity: 'avertissement',
    title: 'Recensement en attente sur démarches simplifiées',
  },
  DS_EXCLUDED: { severity: 'bloquant', title: 'Recensement refusé ou classé sans suite' },
  DS_STATE_UNKNOWN: { severity: 'bloquant', title: 'État du dossier inconnu' },
  CONVENTION_HANDWRITTEN: { severity: 'bloquant', title: 'Convention manuscrite refusée' },
  CONVENTION_MISSING: { severity: 'avertissement', title: 'Convention pas encore signée en ligne' },
  CONVENTION_UNKNOWN: { severity: 'avertissement', title: 'État de la convention inconnu' },
  SERVICE_NONE: { severity: 'bloquant', title: 'Aucun service recensé' },
  QTY_TEXT: { severity: 'bloquant', title: 'Quantité saisie comme du texte' },
  QTY_NOT_INTEGER: { severity: 'bloquant', title: 'Quantité non entière ou négative' },
  QTY_TOO_LARGE: { severity: 'avertissement', title: 'Quantité au-delà du plafond' },
  STATUS_UNKNOWN: { severity: 'bloquant', title: 'Statut public / privé inconnu (TPE)' },
  STATUS_MISSING: { severity: 'avertissement', title: 'Statut public / privé absent' },
  PHONE_FORMAT: { severity: 'avertissement', title: 'Portable du signataire invalide' },
  DATE_TEXT: { severity: 'avertissement', title: 'Date saisie comme du texte' },
  DATE_INVALID: { severity: 'bloquant', title: 'Date illisible' },
  DATE_ORDER: { severity: 'avertissement', title: 'Signature avant le dépôt' },
  WAVE_MISSING: { severity: 'avertissement', title: 'Vague d’adhésion absente' },
  TEXT_SUSPICIOUS: {
    severity: 'avertissement',
    title: 'Texte inhabituel (formule, balise, longueur)',
  },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type RuleCode = keyof typeof RULES;

export interface Issue {
  readonly code: RuleCode;
  readonly severity: Severity;
  /** Key of the members column the issue is about. */
  readonly column: string;
  readonly message: string;
}

export interface MemberRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

export interface RowResult {
  readonly row: number;
  readonly uai: string;
  readonly status: RowStatus;
  readonly issues: readonly Issue[];
}

export interface CensusContext {
  /** Département prefixes of the académie ("054"…). */
  readonly departements: readonly string[];
  /** Expected domain of functional addresses ("ac-nancy-metz.fr"). */
  readonly domain: string;
  readonly maxQuantity: number;
}

export const STATUS_LABELS: Readonly<Record<RowStatus, string>> = {
  ok: 'Valide',
  warning: 'À vérifier',
  blocking: 'Bloquant',
};

const TEXT_LIMIT = 300;
const DATA_KEYS = MEMBERS_SHEET.columns.filter((c) => c.owner === 'user').map((c) => c.key);

const text = (v: CellValue | undefined): string => (v === undefined ? '' : rawText(v).trim());

function issue(code: RuleCode, column: string, message: string): Issue {
  return { code, severity: RULES[code].severity, column, message };
}

/** True when none of the member's own columns holds anything (the row is skipped). */
export function isBlankMember(row: MemberRow): boolean {
  return DATA_KEYS.every((key) => text(row.cells[key]) === '');
}

const EXCLUDED_DS_STATES = ['Refusé', 'Classé sans suite'];

/** The DS state as one of the five known states, or undefined. */
export function dsStateOf(value: CellValue): string | undefined {
  const key = normalizeKey(text(value));
  const states: Record<string, string> = {
    accepte: 'Accepté',
    eninstruction: 'En instruction',
    enconstruction: 'En construction',
    refuse: 'Refusé',
    classesanssuite: 'Classé sans suite',
    sanssuite: 'Classé sans suite',
  };
  return states[key];
}

/** Parses dd/mm/yyyy text (dates typed as text) into a local date, or undefined. */
export function parseFrenchDate(value: string): Date | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return undefined;
  const date = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  return date.getDate() === Number(m[1]) && date.getMonth() === Number(m[2]) - 1 ? date : undefined;
}

function checkUaiCell(value: CellValue, ctx: CensusContext): Issue[] {
  const raw = text(value);
  if (raw === '') {
    return [
      issue(
        'UAI_MISSING',
        'uai',
        'UAI absent : saisissez le code UAI de l’établissement (7 caractères et une lettre, ex. 0540015Y).',
      ),
    ];
  }
  const check = checkUai(raw);
  if (check.problem === 'format') {
    const compact = check.normalized.replace(/\s+/g, '');
    const hint =
      compact !== check.normalized && /^\d{7}[A-Z]$/.test(compact)
        ? ' Retirez les espaces.'
        : /O/.test(check.normalized.slice(0, 7))
          ? ' La lettre O a-t-elle été tapée à la place du chiffre 0 ?'
          : '';
    return [
      issue(
        'UAI_FORMAT',
        'uai',
        `« ${showInvisible(raw.slice(0, 40))} » n’est pas un UAI : 7 chiffres suivis d’une lettre de contrôle (ex. 0540015Y).${hint}`,
      ),
    ];
  }
  if (check.problem === 'checkLetter') {
    return [
      issue(
        'UAI_CHECK',
        'uai',
        `Lettre de contrôle incorrecte dans « ${check.normalized} » : pour ${check.normalized.slice(0, 7)}, la lettre attendue est ${check.expectedLetter}. Vérifiez le code dans l’annuaire de l’éducation.`,
      ),
    ];
  }
  const found: Issue[] = [];
  if (hasInvisible(raw)) {
    found.push(
      issue(
        'UAI_INVISIBLE',
        'uai',
        `L’UAI « ${showInvisible(raw)} » contient un caractère invisible (collé avec le code ?) : il est ignoré pour rapprocher les lignes, mais retirez-le de la cellule (saisissez ${check.normalized}).`,
      ),
    );
  }
  const dep = uaiDepartement(check.normalized);
  if (ctx.departements.length > 0 && !ctx.departements.includes(dep)) {
    found.push(
      issue(
        'UAI_DEPARTEMENT',
        'uai',
        `Le département ${dep} n’est pas dans l’académie (${ctx.departements.join(', ')}) : vérifiez le code UAI.`,
      ),
    );
  }
  return found;
}

function checkEmail(value: CellValue, uai: string, ctx: CensusContext): Issue[] {
  const email = text(value);
  if (email === '') {
    return [
      issue(
        'EMAIL_MISSING',
        'email',
        'Adresse fonctionnelle absente : les prestataires (Foxit, Yousign) écrivent à cette adresse ; saisissez-la (ce.<UAI>@…).',
      ),
    ];
  }
  if (!isEmailAddress(email)) {
    return [
      issue(
        'EMAIL_SYNTAX',
        'email',
        `« ${email.slice(0, 80)} » n’est pas une adresse électronique valide : corrigez-la.`,
      ),
    ];
  }
  const [local, domain] = email.toLowerCase().split('@');
  const m = /^(ce|gestion)\.(\d{7}[a-z]?)$/.exec(local);
  const expected = `ce.${uai.toLowerCase()}@${ctx.domain}`;
  if (!m) {
    return [
      issue(
        'EMAIL_CONVENTION',
        'email',
        `L’adresse n’est pas de la forme ${expected} : vérifiez qu’il s’agit bien de l’adresse fonctionnelle de l’établissement.`,
      ),
    ];
  }
  if (uai !== '' && m[2] !== uai.toLowerCase()) {
    const reason =
      m[2].length === 7 && uai.toLowerCase().startsWith(m[2])
        ? 'la lettre de l’UAI y manque'
        : 'elle correspond à un autre UAI';
    return [
      issue(
        'EMAIL_CONVENTION',
        'email',
        `Adresse « ${email} » : ${reason} (attendu ${expected}). Vérifiez l’adresse fonctionnelle.`,
      ),
    ];
  }
  if (ctx.domain !== '' && domain !== ctx.domain) {
    return [
      issue(
        'EMAIL_CONVENTION',
        'email',
        `Adresse « ${email} » hors du domaine ${ctx.domain} : vérifiez l’académie.`,
      ),
    ];
  }
  return [];
}

function checkDsState(value: CellValue): Issue[] {
  const state = dsStateOf(value);
  if (state === 'Accepté') return [];
  if (state === 'En instruction' || state === 'En construction') {
    return [
      issue(
        'DS_PENDING',
        'dsState',
        `Dossier « ${state} » sur démarches simplifiées : déposé, il engage déjà l’établissement ; l’activation commence une fois le dossier accepté par le coordonnateur.`,
      ),
    ];
  }
  if (state) {
    return [
      issue(
        'DS_EXCLUDED',
        'dsState',
        `Dossier « ${state} » sur démarches simplifiées : rien n’est activé et aucun message ne part (la ligne est conservée). Un recensement déposé engage l’établissement : seule la force majeure permet de se dédire, au coordonnateur de le confirmer (Suivi : « Retrait : force majeure à confirmer »).`,
      ),
    ];
  }
  const raw = text(value);
  return [
    issue(
      'DS_STATE_UNKNOWN',
      'dsState',
      `${raw === '' ? 'État du dossier absent' : `État « ${raw.slice(0, 40)} » inconnu`} : indiquez Accepté, En instruction, En construction, Refusé ou Classé sans suite.`,
    ),
  ];
}

function checkConvention(value: CellValue): Issue[] {
  const key = normalizeKey(text(value));
  if (key === 'signeeenligne' || key === 'signeenligne') return [];
  if (key.includes('manuscrit') || key === 'papier') {
    return [
      issue(
        'CONVENTION_HANDWRITTEN',
        'convention',
        'Convention manuscrite : elle n’est pas prise en compte. Seules les conventions signées en ligne comptent : envoyez le lien du formulaire de signature en ligne.',
      ),
    ];
  }
  if (key === '' || key === 'enattente' || key === 'nonsignee') {
    return [
      issue(
        'CONVENTION_MISSING',
        'convention',
        'Convention pas encore signée en ligne : envoyez le lien du formulaire (le portable du signataire reçoit un SMS de confirmation).',
      ),
    ];
  }
  return [
    issue(
      'CONVENTION_UNKNOWN',
      'convention',
      `Valeur « ${text(value).slice(0, 40)} » inconnue : choisissez Signée en ligne, En attente ou Manuscrite.`,
    ),
  ];
}

/** Quantity issues, and whether the service counts as subscribed. */
function checkQuantity(
  value: CellValue,
  key: string,
  label: string,
  ctx: CensusContext,
): { issues: Issue[]; subscribed: boolean } {
  if (value === '' || value === null) return { issues: [], subscribed: false };
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return { issues: [], subscribed: false };
    const hint = /^\d+$/.test(trimmed)
      ? ` : ressaisissez le nombre ${trimmed} (sans espace ni apostrophe)`
      : ' : saisissez un nombre entier (ex. 2)';
    return {
      issues: [
        issue(
          'QTY_TEXT',
          key,
          `${label} : « ${trimmed.slice(0, 30)} » n’est pas un nombre${hint}.`,
        ),
      ],
      subscribed: false,
    };
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return {
      issues: [
        issue(
          'QTY_NOT_INTEGER',
          key,
          `${label} : ${cellText(value)} n’est pas une quantité valide : saisissez un nombre entier positif ou 0.`,
        ),
      ],
      subscribed: false,
    };
  }
  const issues: Issue[] = [];
  if (value > ctx.maxQuantity) {
    issues.push(
      issue(
        'QTY_TOO_LARGE',
        key,
        `${label} : ${value} dépasse le plafond de ${ctx.maxQuantity} fixé dans Paramètres : vérifiez la saisie.`,
      ),
    );
  }
  return { issues, subscribed: value > 0 };
}

function checkStatus(value: CellValue, tpe: boolean): Issue[] {
  if (schoolStatusOf(value) !== '') return [];
  const message =
    text(value) === ''
      ? 'Statut public / privé absent'
      : `Statut « ${text(value).slice(0, 30)} » inconnu`;
  return tpe
    ? [
        issue(
          'STATUS_UNKNOWN',
          'status',
          `${message} : indiquez Public ou Privé, il décide de la démarche TPE (DDFIP pour le public, contact direct d’EXM pour le privé).`,
        ),
      ]
    : [issue('STATUS_MISSING', 'status', `${message} : indiquez Public ou Privé.`)];
}

function checkPhone(value: CellValue): Issue[] {
  const raw = text(value);
  if (raw === '') return [];
  // A number typed into a number-formatted cell loses its leading 0: 612345678.
  const digits = raw.replace(/[\s.\-()]/g, '');
  const national = digits.startsWith('+33')
    ? `0${digits.slice(3)}`
    : digits.startsWith('0033')
      ? `0${digits.slice(4)}`
      : /^[67]\d{8}$/.test(digits)
        ? `0${digits}`
        : digits;
  if (/^0[67]\d{8}$/.test(national)) return [];
  return [
    issue(
      'PHONE_FORMAT',
      'signerPhone',
      `« ${raw.slice(0, 30)} » n’est pas un numéro de portable français (06 ou 07, 10 chiffres) : le SMS de signature ne pourrait pas arriver.`,
    ),
  ];
}

function dateOf(value: CellValue, key: string, label: string, issues: Issue[]): Date | undefined {
  if (value instanceof Date) return value;
  const raw = text(value);
  if (raw === '') return undefined;
  const parsed = parseFrenchDate(raw);
  if (parsed) {
    issues.push(
      issue(
        'DATE_TEXT',
        key,
        `${label} « ${raw} » est saisie comme du texte : ressaisissez-la comme une date.`,
      ),
    );
    return parsed;
  }
  issues.push(
    issue(
      'DATE_INVALID',
      key,
      `${label} « ${raw.slice(0, 30)} » n’est pas une date : saisissez-la au format jj/mm/aaaa.`,
    ),
  );
  return undefined;
}

function checkText(cells: Readonly<Record<string, CellValue>>): Issue[] {
  const issues: Issue[] = [];
  for (const key of ['name', 'commune', 'wave', 'comment']) {
    const value = cells[key];
    if (typeof value !== 'string' || value === '') continue;
    const header = MEMBERS_SHEET.columns.find((c) => c.key === key)?.header ?? key;
    if (value.length > TEXT_LIMIT) {
      issues.push(
        issue(
          'TEXT_SUSPICIOUS',
          key,
          `${header} : texte de ${value.length} caractères, anormalement long : vérifiez la saisie (collage accidentel ?).`,
        ),
      );
    } else if (/^[=+@]/.test(value.trim())) {
      issues.push(
        issue(
          'TEXT_SUSPICIOUS',
          key,
          `${header} : « ${value.slice(0, 40)} » ressemble à une formule : saisissez une valeur simple.`,
        ),
      );
    } else if (/<\s*\/?\s*[a-z][^>]*>/i.test(value)) {
      issues.push(
        issue(
          'TEXT_SUSPICIOUS',
          key,
          `${header} : « ${value.slice(0, 40)} » contient des balises HTML : vérifiez la saisie.`,
        ),
      );
    }
  }
  return issues;
}

/** All issues of one row, duplicates apart. */
export function validateMember(row: MemberRow, ctx: CensusContext): Issue[] {
  const c = row.cells;
  const uaiIssues = checkUaiCell(c.uai, ctx);
  const uai = checkUai(c.uai).problem ? '' : checkUai(c.uai).normalized;
  const issues: Issue[] = [...uaiIssues];
  if (text(c.name) === '')
    issues.push(issue('NAME_MISSING', 'name', 'Nom de l’établissement absent : saisissez-le.'));
  issues.push(...checkEmail(c.email, uai, ctx));
  issues.push(...checkDsState(c.dsState));
  issues.push(...checkConvention(c.convention));
  let anyService = false;
  let tpe = false;
  for (const service of SERVICES) {
    const key = `qty_${service.id}`;
    const result = checkQuantity(c[key], key, service.quantityHeader, ctx);
    issues.push(...result.issues);
    anyService ||= result.subscribed;
    if (service.id === 'tpe') tpe = result.subscribed;
  }
  const quantityProblem = issues.some((i) => i.code === 'QTY_TEXT' || i.code === 'QTY_NOT_INTEGER');
  if (!anyService && !quantityProblem) {
    issues.push(
      issue(
        'SERVICE_NONE',
        'qty_vote',
        'Aucun service recensé : indiquez au moins une quantité (vote, TPE, PDF, certificats ou signature).',
      ),
    );
  }
  issues.push(...checkStatus(c.status, tpe));
  issues.push(...checkPhone(c.signerPhone));
  const deposit = dateOf(c.depositDate, 'depositDate', 'Date de dépôt', issues);
  const signature = dateOf(c.signatureDate, 'signatureDate', 'Date de signature', issues);
  if (deposit && signature && signature.getTime() < deposit.getTime() - 43_200_000) {
    issues.push(
      issue(
        'DATE_ORDER',
        'signatureDate',
        `Convention signée le ${formatDateFr(signature)}, avant le dépôt du recensement le ${formatDateFr(deposit)} : vérifiez les dates.`,
      ),
    );
  }
  if (text(c.wave) === '')
    issues.push(
      issue(
        'WAVE_MISSING',
        'wave',
        'Vague d’adhésion absente : indiquez-la (ex. Automne 2025, Printemps 2026).',
      ),
    );
  issues.push(...checkText(c));
  return issues;
}

function statusOf(issues: readonly Issue[]): RowStatus {
  if (issues.some((i) => i.severity === 'bloquant')) return 'blocking';
  return issues.length > 0 ? 'warning' : 'ok';
}

/** Duplicate UAIs and dossier numbers across rows: each row names the other rows. */
function duplicateIssues(rows: readonly MemberRow[]): Map<number, Issue[]> {
  const out = new Map<number, Issue[]>();
  const find = (
    key: string,
    code: RuleCode,
    label: string,
    normalize: (v: CellValue) => string,
  ): void => {
    const byValue = new Map<string, number[]>();
    for (const row of rows) {
      // A refused or closed dossier is already excluded: the school's new dossier is no duplicate.
      if (key === 'uai' && EXCLUDED_DS_STATES.includes(dsStateOf(row.cells.dsState) ?? ''))
        continue;
      const value = normalize(row.cells[key]);
      if (value === '') continue;
      byValue.set(value, [...(byValue.get(value) ?? []), row.row]);
    }
    for (const [value, rowNumbers] of byValue) {
      if (rowNumbers.length < 2) continue;
      for (const r of rowNumbers) {
        const others = rowNumbers.filter((o) => o !== r).join(', ');
        const list = out.get(r) ?? [];
        list.push(
          issue(
            code,
            key,
            `${label} ${value} en double : aussi ligne${rowNumbers.length > 2 ? 's' : ''} ${others}. Gardez une seule ligne par établissement.`,
          ),
        );
        out.set(r, list);
      }
    }
  };
  find('uai', 'UAI_DUPLICATE', 'UAI', (v) => (checkUai(v).problem ? '' : checkUai(v).normalized));
  find('dossier', 'DOSSIER_DUPLICATE', 'N° de dossier', (v) => text(v));
  return out;
}

/** Validates every non-blank row; blank rows get no result. */
export function validateCensus(rows: readonly MemberRow[], ctx: CensusContext): RowResult[] {
  const members = rows.filter((r) => !isBlankMember(r));
  const duplicates = duplicateIssues(members);
  return members.map((row) => {
    const issues = [...validateMember(row, ctx), ...(duplicates.get(row.row) ?? [])];
    const uai = text(row.cells.uai).toUpperCase();
    return { row: row.row, uai, status: statusOf(issues), issues };
  });
}

export interface CensusSummary {
  readonly rows: number;
  readonly ok: number;
  readonly warnings: number;
  readonly blocking: number;
}

export function summarize(results: readonly RowResult[]): CensusSummary {
  return {
    rows: results.length,
    ok: results.filter((r) => r.status === 'ok').length,
    warnings: results.filter((r) => r.status === 'warning').length,
    blocking: results.filter((r) => r.status === 'blocking').length,
  };
}

/** The text of the Anomalies column: one line per issue, with its code. */
export function issuesText(issues: readonly Issue[]): string {
  return issues
    .map((i) => `${i.severity === 'bloquant' ? '⛔' : '⚠'} [${i.code}] ${i.message}`)
    .join('\n');
}
