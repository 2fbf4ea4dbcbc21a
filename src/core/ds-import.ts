// Importing the démarches simplifiées export into the members sheet: which export column feeds which
// field (an editable mapping), how each value is read, and the upsert plan (by dossier number, then
// by UAI): new rows, changed cells, rows marked absent or refused. Nothing is ever deleted.

import { dsStateOf } from './census';
import type { CellValue, SheetSpec } from './schema';
import { SERVICES } from './services';
import { MEMBERS_SHEET } from './sheets';
import { cellText, formatDateFr, normalizeKey, rawText } from './text';
import { checkUai } from './uai';

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
    description: 'Seul « Accepté » engage l’établissement.',
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
  ...SERVICES.map((s): ImportField => ({
    key: `qty_${s.id}`,
    label: s.quantityHeader,
    defaults: [s.quantityHeader, s.label, `Nombre ${s.label}`, `Quantité ${s.label}`],
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

/** Sheet where the coordinator may paste the export (header row first). */
export const IMPORT_SHEET: SheetSpec = {
  key: 'importDs',
  name: 'Import DS',
  purpose:
    "Collez ici l'export démarches simplifiées (ligne d'en-têtes comprise), puis « Importer la feuille Import DS ».",
  tabColor: '#8e44ad',
  freeform: true,
  columns: [],
};

export type Mapping = ReadonlyMap<string, readonly string[]>;

export const DEFAULT_MAPPING: Mapping = new Map(IMPORT_FIELDS.map((f) => [f.key, f.defaults]));

/** Reads the mapping sheet's "headers" cells ("A ; B ; C"); empty or unknown rows keep defaults. */
export function mappingFrom(rows: readonly { field: CellValue; headers: CellValue }[]): Mapping {
  const mapping = new Map(DEFAULT_MAPPING);
  for (const row of rows) {
    const field = IMPORT_FIELDS.find(
      (f) => normalizeKey(f.key) === normalizeKey(cellText(row.field)),
    );
    const headers = cellText(row.headers)
      .split(';')
      .map((h) => h.trim())
      .filter((h) => h !== '');
    if (field && headers.length > 0) mapping.set(field.key, headers);
  }
  return mapping;
}

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

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Column index (0-based) of each field found in the export's header row. */
export function locateFields(header: readonly CellValue[], mapping: Mapping): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = normalizeKey(cellText(cell));
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  const found = new Map<string, number>();
  for (const field of IMPORT_FIELDS) {
    const names = mapping.get(field.key) ?? field.defaults;
    const position = names.map((n) => index.get(normalizeKey(n))).find((p) => p !== undefined);
    if (position !== undefined) found.set(field.key, position);
  }
  const missing = IMPORT_FIELDS.filter((f) => f.required === 'yes' && !found.has(f.key));
  const schoolless = !found.has('school') && !found.has('uai');
  if (missing.length > 0 || schoolless) {
    const names = missing.map((f) => `« ${(mapping.get(f.key) ?? f.defaults)[0]} » (${f.label})`);
    if (schoolless) names.push('« Établissement » (annuaire de l’éducation) ou « UAI »');
    throw new ImportError(
      `Colonnes obligatoires absentes de l'export : ${names.join(', ')}. Vérifiez le fichier, ou indiquez dans la feuille « ${MAPPING_SHEET.name} » le nom que porte la colonne dans votre export.`,
    );
  }
  return found;
}

/** "Lycée Henri Poincaré, Nancy (0540038Y)" -> name, commune, UAI. */
export function parseSchool(
  text: string,
): { name: string; commune: string; uai: string } | undefined {
  const m = /^([\s\S]*?)(?:,\s*([^,(]*?))?\s*\(\s*([0-9A-Za-z]{8})\s*\)\s*$/.exec(text.trim());
  if (!m) return undefined;
  return { name: m[1].trim(), commune: (m[2] ?? '').trim(), uai: m[3].toUpperCase() };
}

/** "2025-09-12 10:31:02 +0200", "2025-09-12T10:31", "12/09/2025 10:31" -> the day, local midnight. */
export function parseExportDate(value: CellValue): CellValue {
  if (value instanceof Date)
    return new Date(value.getFullYear(), value.getMonth(), value.getDate());
  const text = cellText(value).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (m) return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (m) return new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  return text;
}

function readQuantity(value: CellValue): CellValue {
  if (typeof value === 'number') return value;
  const text = cellText(value).trim();
  if (text === '') return '';
  if (/^\d+$/.test(text)) return Number(text);
  const key = normalizeKey(text);
  if (key === 'oui' || key === 'on') return 1;
  if (key === 'non' || key === 'off') return '';
  return text; // reported by the validation, never guessed
}

function readStatus(value: CellValue): CellValue {
  const key = normalizeKey(cellText(value));
  if (key.startsWith('public')) return 'Public';
  if (key.startsWith('prive')) return 'Privé';
  return cellText(value).trim();
}

/** One export line read into members fields. */
export interface ImportRecord {
  readonly line: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

export function readExportRows(
  rows: readonly (readonly CellValue[])[],
  mapping: Mapping,
): ImportRecord[] {
  if (rows.length === 0) throw new ImportError("L'export est vide : aucune ligne d'en-têtes.");
  const fields = locateFields(rows[0], mapping);
  const records: ImportRecord[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    if (row.every((v) => cellText(v).trim() === '')) continue;
    const get = (key: string): CellValue => {
      const p = fields.get(key);
      return p === undefined ? '' : (row[p] ?? '');
    };
    const cells: Record<string, CellValue> = {};
    const school = parseSchool(cellText(get('school')));
    const uaiText = rawText(get('uai')).trim();
    cells.uai = uaiText !== '' ? uaiText.toUpperCase() : (school?.uai ?? '');
    if (fields.has('name') || school)
      cells.name = cellText(get('name')).trim() || (school?.name ?? '');
    if (fields.has('commune') || school)
      cells.commune = cellText(get('commune')).trim() || (school?.commune ?? '');
    cells.dossier = rawText(get('dossier')).trim();
    cells.dsState = dsStateOf(get('dsState')) ?? cellText(get('dsState')).trim();
    for (const key of ['email', 'signerPhone', 'wave'])
      if (fields.has(key)) cells[key] = rawText(get(key)).trim();
    if (fields.has('depositDate')) cells.depositDate = parseExportDate(get('depositDate'));
    if (fields.has('status')) cells.status = readStatus(get('status'));
    for (const s of SERVICES)
      if (fields.has(`qty_${s.id}`)) cells[`qty_${s.id}`] = readQuantity(get(`qty_${s.id}`));
    records.push({ line: i + 1, cells });
  }
  return records;
}

/** Canonical form used to tell a changed value: typed, dates by day. */
function canonical(value: CellValue | undefined): string {
  if (value === undefined || value === '') return '';
  if (value instanceof Date)
    return `d:${value.getFullYear()}-${value.getMonth() + 1}-${value.getDate()}`;
  if (typeof value === 'number') return `n:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  return `s:${value.trim()}`;
}

export interface ExistingRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, CellValue>>;
}

export interface CellUpdate {
  readonly row: number;
  readonly key: string;
  readonly value: CellValue;
}

export interface UpsertPlan {
  readonly updates: readonly CellUpdate[];
  readonly appends: readonly Record<string, CellValue>[];
  /** New text of the "Import DS" column, for existing rows whose mark changes. */
  readonly marks: ReadonlyMap<number, string>;
  readonly counts: {
    readonly created: number;
    readonly updated: number;
    readonly unchanged: number;
    readonly absent: number;
    readonly excluded: number;
  };
  readonly rejected: readonly { readonly line: number; readonly reason: string }[];
}

const EXCLUDED_STATES = ['Refusé', 'Classé sans suite'];
const ABSENT_PREFIX = "Absent de l'export";
const headerOf = (key: string): string =>
  MEMBERS_SHEET.columns.find((c) => c.key === key)?.header ?? key;

/**
 * The upsert of an export into the members: matched by dossier number, then by UAI; each export
 * field overwrites only the value it brings, other columns (convention, comment…) are never touched.
 */
export function planUpsert(
  existing: readonly ExistingRow[],
  records: readonly ImportRecord[],
  today: Date,
): UpsertPlan {
  const day = formatDateFr(today);
  const byDossier = new Map<string, ExistingRow>();
  const byUai = new Map<string, ExistingRow>();
  for (const row of existing) {
    const dossier = rawText(row.cells.dossier).trim();
    const uai = checkUai(row.cells.uai).normalized;
    if (dossier !== '' && !byDossier.has(dossier)) byDossier.set(dossier, row);
    if (uai !== '' && !byUai.has(uai)) byUai.set(uai, row);
  }
  const matched = new Set<number>();
  const seenDossiers = new Set<string>();
  const updates: CellUpdate[] = [];
  const appends: Record<string, CellValue>[] = [];
  const marks = new Map<number, string>();
  const rejected: { line: number; reason: string }[] = [];
  let updated = 0;
  let unchanged = 0;
  let excluded = 0;

  for (const record of records) {
    const dossier = rawText(record.cells.dossier);
    const uai = checkUai(record.cells.uai);
    if (dossier === '' && uai.problem) {
      rejected.push({
        line: record.line,
        reason: `ligne ${record.line} de l'export : ni N° de dossier ni UAI lisible, ligne ignorée.`,
      });
      continue;
    }
    if (dossier !== '' && seenDossiers.has(dossier)) {
      rejected.push({
        line: record.line,
        reason: `ligne ${record.line} de l'export : dossier ${dossier} déjà présent plus haut dans l'export, ligne ignorée.`,
      });
      continue;
    }
    if (dossier !== '') seenDossiers.add(dossier);
    const candidate =
      byDossier.get(dossier) ?? (uai.problem ? undefined : byUai.get(uai.normalized));
    const target = candidate && !matched.has(candidate.row) ? candidate : undefined;
    const state = cellText(record.cells.dsState);
    if (!target) {
      appends.push({ ...record.cells, importNote: `Nouvelle ligne (import du ${day})` });
      if (EXCLUDED_STATES.includes(state)) excluded++;
      continue;
    }
    matched.add(target.row);
    const changed = Object.entries(record.cells).filter(
      ([key, value]) => canonical(value) !== canonical(target.cells[key]),
    );
    if (changed.length === 0) {
      unchanged++;
      if (cellText(target.cells.importNote).startsWith(ABSENT_PREFIX))
        marks.set(target.row, `De nouveau dans l'export (import du ${day})`);
      continue;
    }
    updated++;
    for (const [key, value] of changed) updates.push({ row: target.row, key, value });
    const becameExcluded =
      changed.some(([key]) => key === 'dsState') && EXCLUDED_STATES.includes(state);
    if (becameExcluded) excluded++;
    const list = changed.map(([key]) => headerOf(key)).join(', ');
    marks.set(
      target.row,
      becameExcluded
        ? `${state} sur démarches simplifiées : exclu du groupement (import du ${day})`
        : `Mise à jour le ${day} : ${list}`,
    );
  }

  let absent = 0;
  for (const row of existing) {
    const dossier = rawText(row.cells.dossier).trim();
    if (dossier === '' || matched.has(row.row)) continue;
    absent++;
    if (!cellText(row.cells.importNote).startsWith(ABSENT_PREFIX))
      marks.set(
        row.row,
        `${ABSENT_PREFIX} du ${day} : vérifiez le dossier sur démarches simplifiées`,
      );
  }
  return {
    updates,
    appends,
    marks,
    counts: { created: appends.length, updated, unchanged, absent, excluded },
    rejected,
  };
}
