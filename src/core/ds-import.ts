// Importing the démarches simplifiées export into the members sheet: which export column feeds which
// field (an editable mapping), how each value is read, and the upsert plan (by dossier number, then
// by UAI): new rows, changed cells, rows marked absent or refused. Nothing is ever deleted.

import { startOfDay } from './calendar';
import { dsStateOf } from './census';
import { UserError } from './errors';
import type { CellValue } from './schema';
import { SERVICES } from './services';
import { MEMBERS_SHEET } from './workbook/members';
import { cellText, formatDateFr, normalizeKey, rawText } from './text';
import { checkUai, cleanCode, showInvisible } from './uai';
import { IMPORT_FIELDS, MAPPING_SHEET } from './workbook/mapping';

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

export class ImportError extends UserError {}

/** Normalised headers of the columns démarches simplifiées adds to every export (never a form field). */
const DS_SYSTEM_HEADERS = new Set(
  [
    'ID',
    'Email',
    'FranceConnect ?',
    'À archiver',
    'État du dossier',
    'Dernière mise à jour le',
    'Dernière mise à jour du dossier le',
    'Déposé le',
    'Passé en instruction le',
    'Traité le',
    'Motivation de la décision',
    'Instructeurs',
    'Groupe instructeur',
  ].map(normalizeKey),
);
const DS_SYSTEM_PREFIXES = [
  'entreprise',
  'association',
  'etablissementsiret',
  'etablissementsiege',
  'etablissementnaf',
  'etablissementlibellenaf',
  'etablissementadresse',
  'etablissementnumerovoie',
  'etablissementtypevoie',
  'etablissementnomvoie',
  'etablissementcomplementadresse',
  'etablissementcodepostal',
  'etablissementlocalite',
  'etablissementcodeinsee',
];

/** True for a column démarches simplifiées adds to every export (not a field of the form). */
export function isSystemHeader(header: string): boolean {
  const key = normalizeKey(header);
  return DS_SYSTEM_HEADERS.has(key) || DS_SYSTEM_PREFIXES.some((p) => key.startsWith(p));
}

/** The words of a header, lowercased and without accents ("Nombre de TPE" -> nombre, de, tpe). */
function headerWords(header: string): string[] {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** True when most of the non-empty values pass the test (or when the column is empty). */
function mostly(values: readonly CellValue[], test: (text: string) => boolean): boolean {
  const texts = values.map((v) => cellText(v).trim()).filter((t) => t !== '');
  if (texts.length === 0) return true;
  return texts.filter(test).length >= texts.length * 0.6;
}

const looksLikeQuantity = (t: string): boolean =>
  /^\d+$/.test(t) || ['oui', 'non', 'on', 'off', 'true', 'false'].includes(normalizeKey(t));
const looksLikeUai = (t: string): boolean => /^\d{7}[A-Z]$/.test(cleanCode(t));
const looksLikePhone = (t: string): boolean => /^\+?[\d\s.\-()]{9,20}$/.test(t);
const looksLikeStatus = (t: string): boolean => /^(public|prive)/.test(normalizeKey(t));

/** How a field is recognised when no header of the mapping names it: words, then content. */
interface FieldGuess {
  readonly key: string;
  readonly words: readonly string[];
  readonly accepts: (text: string) => boolean;
  /** A free-text field: a second candidate is left unused instead of stopping the import. */
  readonly soft?: boolean;
}

const SERVICE_WORDS: Readonly<Record<string, readonly string[]>> = {
  vote: ['kercia', 'vote', 'votes'],
  tpe: ['tpe', 'exm', 'terminal', 'terminaux'],
  pdf: ['foxit', 'pdf'],
  rgs: ['certigna', 'rgs', 'certificat', 'certificats'],
  signature: ['yousign', 'signature', 'signatures'],
};

const FIELD_GUESSES: readonly FieldGuess[] = [
  ...SERVICES.map((s) => ({
    key: `qty_${s.id}`,
    words: SERVICE_WORDS[s.id] ?? [],
    accepts: looksLikeQuantity,
  })),
  { key: 'uai', words: ['uai'], accepts: looksLikeUai },
  {
    key: 'email',
    words: ['fonctionnelle', 'fonctionnel', 'courriel', 'mel', 'mail'],
    accepts: (t) => t.includes('@'),
  },
  {
    key: 'signerPhone',
    words: ['portable', 'mobile', 'telephone', 'tel'],
    accepts: looksLikePhone,
  },
  { key: 'status', words: ['statut', 'public', 'prive'], accepts: looksLikeStatus },
  { key: 'wave', words: ['vague'], accepts: () => true },
  {
    key: 'censusComment',
    words: [
      'commentaire',
      'commentaires',
      'remarque',
      'remarques',
      'observation',
      'observations',
      'precisions',
    ],
    accepts: () => true,
    soft: true,
  },
];

/** Where each field of the export was found, and the export columns left unused. */
export interface FieldLocation {
  /** Column index (0-based) of each field. */
  readonly fields: ReadonlyMap<string, number>;
  /** Headers of the export columns no field uses, in export order. */
  readonly unused: readonly string[];
}

const fieldLabel = (key: string): string => IMPORT_FIELDS.find((f) => f.key === key)?.label ?? key;

/** "ligne 14 (TPE (EXM))" of the mapping sheet, for messages. */
function mappingLine(key: string, lines: ReadonlyMap<string, number>): string {
  const line = lines.get(key) ?? IMPORT_FIELDS.findIndex((f) => f.key === key) + 2;
  return `ligne ${line} (« ${fieldLabel(key)} »)`;
}

/**
 * Finds each field in the export: by the mapping's headers first, then the school by its content
 * (`<nom>, <commune> (<UAI>)`), then the other fields by the words of their header and their
 * content (service quantities by provider words). A column that looks like a field but cannot be
 * given one (two candidates, a field already fed) stops the import: its message says which line of
 * the mapping sheet to fill.
 */
export function locateFields(
  rows: readonly (readonly CellValue[])[],
  mapping: Mapping,
  lines: ReadonlyMap<string, number> = new Map(),
): FieldLocation {
  const header = (rows[0] ?? []).map((h) => cellText(h).trim());
  const body = rows.slice(1);
  const columnValues = (i: number): CellValue[] => body.map((r) => r[i] ?? '');
  const index = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = normalizeKey(cell);
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  const found = new Map<string, number>();
  for (const field of IMPORT_FIELDS) {
    const names = mapping.get(field.key) ?? field.defaults;
    const position = names.map((n) => index.get(normalizeKey(n))).find((p) => p !== undefined);
    if (position !== undefined) found.set(field.key, position);
  }
  const claimed = (i: number): boolean => [...found.values()].includes(i);
  const candidates = header
    .map((h, i) => ({ h, i }))
    .filter(({ h, i }) => h !== '' && !claimed(i) && !isSystemHeader(h));

  if (!found.has('school')) {
    let best: { i: number; score: number } | undefined;
    for (const { i } of candidates) {
      const texts = columnValues(i)
        .map((v) => cellText(v).trim())
        .filter((t) => t !== '');
      if (texts.length === 0) continue;
      const score = texts.filter((t) => parseSchool(t) !== undefined).length / texts.length;
      if (score >= 0.6 && (!best || score > best.score)) best = { i, score };
    }
    if (best) found.set('school', best.i);
  }

  const problems: string[] = [];
  const guessed = new Map<string, number[]>();
  for (const { h, i } of candidates) {
    if (claimed(i)) continue;
    const words = headerWords(h);
    const values = columnValues(i);
    const fitting = FIELD_GUESSES.filter(
      (g) => g.words.some((w) => words.includes(w)) && mostly(values, g.accepts),
    );
    const strict = fitting.filter((g) => !g.soft);
    const matches = strict.length > 0 ? strict : fitting;
    if (matches.length === 0) continue;
    if (matches[0].soft && found.has(matches[0].key)) continue;
    if (matches.length > 1) {
      problems.push(
        `La colonne « ${h} » de l'export ressemble à plusieurs champs (${matches.map((g) => `« ${fieldLabel(g.key)} »`).join(', ')}) : écrivez son nom dans la colonne « En-têtes de l'export » de la ligne du champ qu'elle remplit : ${matches.map((g) => mappingLine(g.key, lines)).join(' ou ')}.`,
      );
      continue;
    }
    const key = matches[0].key;
    const already = found.get(key);
    if (already !== undefined) {
      problems.push(
        `La colonne « ${h} » de l'export ressemble à « ${fieldLabel(key)} », déjà rempli par la colonne « ${header[already]} » : indiquez celle à utiliser dans la colonne « En-têtes de l'export », ${mappingLine(key, lines)}.`,
      );
      continue;
    }
    guessed.set(key, [...(guessed.get(key) ?? []), i]);
  }
  for (const [key, positions] of guessed) {
    if (positions.length === 1) {
      found.set(key, positions[0]);
      continue;
    }
    if (FIELD_GUESSES.find((g) => g.key === key)?.soft) continue;
    problems.push(
      `Plusieurs colonnes de l'export ressemblent à « ${fieldLabel(key)} » (${positions.map((p) => `« ${header[p]} »`).join(', ')}) : indiquez celle à utiliser dans la colonne « En-têtes de l'export », ${mappingLine(key, lines)}.`,
    );
  }

  const missing = IMPORT_FIELDS.filter((f) => f.required === 'yes' && !found.has(f.key));
  const schoolless = !found.has('school') && !found.has('uai');
  if (missing.length > 0 || schoolless) {
    const names = missing.map((f) => `« ${(mapping.get(f.key) ?? f.defaults)[0]} » (${f.label})`);
    if (schoolless) names.push('« Établissement » (annuaire de l’éducation) ou « UAI »');
    const where = [...missing.map((f) => f.key), ...(schoolless ? ['school'] : [])]
      .map((k) => mappingLine(k, lines))
      .join(', ');
    problems.unshift(
      `Colonnes obligatoires absentes de l'export : ${names.join(', ')}. Vérifiez le fichier, ou écrivez le nom que porte la colonne dans votre export dans la feuille « ${MAPPING_SHEET.name} », colonne « En-têtes de l'export », ${where}.`,
    );
  }
  if (problems.length > 0) throw new ImportError([...problems, "Rien n'a été importé."].join('\n'));
  const used = new Set(found.values());
  const unused = header.filter((h, i) => h !== '' && !used.has(i));
  return { fields: found, unused };
}

/** "Lycée Henri Poincaré, Nancy (0540038Y)" -> name, commune, UAI (invisible characters ignored). */
export function parseSchool(
  text: string,
): { name: string; commune: string; uai: string } | undefined {
  const clean = text.replace(INVISIBLE_IN_TEXT, (ch) => (ch === '\u00a0' ? ' ' : ''));
  const m = /^([\s\S]*?)(?:,\s*([^,(]*?))?\s*\(\s*([0-9A-Za-z]{8})\s*\)\s*$/.exec(clean.trim());
  if (!m) return undefined;
  return { name: m[1].trim(), commune: (m[2] ?? '').trim(), uai: m[3].toUpperCase() };
}
const INVISIBLE_IN_TEXT = /[\u00a0\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;

/** "2025-09-12 10:31:02 +0200", "2025-09-12T10:31", "12/09/2025 10:31" -> the day, local midnight. */
export function parseExportDate(value: CellValue): CellValue {
  if (value instanceof Date) return startOfDay(value);
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

/** Sheets accepts at most this many characters in a cell. */
export const CELL_LIMIT = 50_000;
const CELL_LIMIT_TEXT = '50 000';
/** Export lines one import handles within an execution (6 minutes), with a wide margin. */
export const MAX_IMPORT_ROWS = 10_000;

/** One export line read into members fields. */
export interface ImportRecord {
  readonly line: number;
  readonly cells: Readonly<Record<string, CellValue>>;
  /** The school field's text, when it could not be read as `<nom>, <commune> (<UAI>)`. */
  readonly unreadableSchool?: string;
  /** Values left out because they are too long for a cell, by field. */
  readonly tooLong?: readonly string[];
}

export interface ExportReading extends FieldLocation {
  readonly records: readonly ImportRecord[];
}

export function readExportRows(
  rows: readonly (readonly CellValue[])[],
  mapping: Mapping,
  lines: ReadonlyMap<string, number> = new Map(),
): ExportReading {
  if (rows.length === 0) throw new ImportError("L'export est vide : aucune ligne d'en-têtes.");
  const location = locateFields(rows, mapping, lines);
  const { fields } = location;
  const records: ImportRecord[] = [];
  const dataLines = rows.slice(1).filter((r) => r.some((v) => cellText(v).trim() !== '')).length;
  if (dataLines === 0)
    throw new ImportError(
      "L'export ne contient aucun dossier (seulement la ligne d'en-têtes) : rien n'a été importé ni marqué absent. Vérifiez les filtres de l'export sur démarches simplifiées, puis réexportez.",
    );
  if (dataLines > MAX_IMPORT_ROWS)
    throw new ImportError(
      `L'export contient ${dataLines} dossiers, au-delà des ${MAX_IMPORT_ROWS} qu'un import traite sans risquer la limite de 6 minutes d'Apps Script : rien n'a été importé. Exportez les dossiers en plusieurs fois (filtre par état ou par date de dépôt sur démarches simplifiées) et importez chaque fichier.`,
    );
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    if (row.every((v) => cellText(v).trim() === '')) continue;
    const tooLong: string[] = [];
    const get = (key: string): CellValue => {
      const p = fields.get(key);
      const value = p === undefined ? '' : (row[p] ?? '');
      if (typeof value === 'string' && value.length > CELL_LIMIT) {
        tooLong.push(key);
        return '';
      }
      return value;
    };
    const cells: Record<string, CellValue> = {};
    const schoolText = cellText(get('school')).trim();
    const school = parseSchool(schoolText);
    const uaiText = cleanCode(rawText(get('uai')));
    const unreadableSchool =
      !school && schoolText !== '' && uaiText === '' ? schoolText : undefined;
    if (uaiText !== '' || school) cells.uai = uaiText !== '' ? uaiText : (school?.uai ?? '');
    if (fields.has('name') || school)
      cells.name = cellText(get('name')).trim() || (school?.name ?? '');
    if (fields.has('commune') || school)
      cells.commune = cellText(get('commune')).trim() || (school?.commune ?? '');
    cells.dossier = cleanCode(rawText(get('dossier')));
    cells.dsState = dsStateOf(get('dsState')) ?? cellText(get('dsState')).trim();
    for (const key of ['email', 'signerPhone', 'wave', 'censusComment'])
      if (fields.has(key)) cells[key] = rawText(get(key)).trim();
    if (fields.has('depositDate')) cells.depositDate = parseExportDate(get('depositDate'));
    if (fields.has('status')) cells.status = readStatus(get('status'));
    for (const s of SERVICES)
      if (fields.has(`qty_${s.id}`)) cells[`qty_${s.id}`] = readQuantity(get(`qty_${s.id}`));
    for (const key of tooLong) delete cells[key];
    records.push({
      line: i + 1,
      cells,
      ...(unreadableSchool !== undefined ? { unreadableSchool } : {}),
      ...(tooLong.length > 0 ? { tooLong } : {}),
    });
  }
  return { ...location, records };
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

/**
 * What the import last brought for each dossier (its "memory"), so that the next import tells the
 * export's changes from the coordinator's corrections: a three-way merge per cell.
 */
export const MEMORY_SHEET_NAME = 'Mémoire de l’import DS';
export const MEMORY_KEYS: readonly string[] = [
  'dossier',
  'uai',
  'name',
  'commune',
  'status',
  'email',
  'dsState',
  'depositDate',
  'signerPhone',
  'wave',
  ...SERVICES.map((s) => `qty_${s.id}`),
  'censusComment',
];
/** Per dossier, the form of each value the export brought (see memoryForm). */
export type ImportMemory = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** The memory's key of an export line: its dossier number, else its UAI. */
export function memoryKey(cells: Readonly<Record<string, CellValue>>): string {
  const dossier = cleanCode(rawText(cells.dossier ?? ''));
  if (dossier !== '') return dossier;
  const uai = cleanCode(rawText(cells.uai ?? ''));
  return uai === '' ? '' : `UAI ${uai}`;
}

/** A short fingerprint of a long text (FNV-1a, 32 bits). */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** How the memory keeps a value: its canonical form, long texts as a fingerprint. */
export function memoryForm(value: CellValue | undefined): string {
  const form = canonical(value);
  return form.length > 300 ? `h:${fingerprint(form)}:${form.length}` : form;
}

/** A remembered value as a person reads it, for messages. */
function formValue(form: string | undefined): CellValue {
  if (form === undefined || form === '') return '';
  const body = form.slice(2);
  if (form.startsWith('n:')) return Number(body);
  if (form.startsWith('d:')) {
    const [y, m, d] = body.split('-').map(Number);
    return new Date(y, m - 1, d);
  }
  if (form.startsWith('b:')) return body === 'true';
  if (form.startsWith('h:')) return `(texte de ${body.split(':')[1]} caractères)`;
  return body;
}

/**
 * Reads the memory sheet: one line per dossier, its key and its forms in one cell as JSON
 * (`["12345",{"uai":"0541000U",…}]`), so that thousands of members cost one cell each. Lines of the
 * earlier layout (key, then the forms in a second cell) are read too. Lines that cannot be read are
 * ignored.
 */
export function memoryFrom(
  values: readonly (readonly CellValue[])[],
): Map<string, Record<string, string>> {
  const memory = new Map<string, Record<string, string>>();
  const isForms = (forms: unknown): forms is Record<string, string> =>
    !!forms && typeof forms === 'object' && !Array.isArray(forms);
  for (const line of values.slice(1)) {
    try {
      const second = cellText(line[1]);
      if (second !== '') {
        const key = cellText(line[0]).trim();
        const forms = JSON.parse(second) as unknown;
        if (key !== '' && isForms(forms)) memory.set(key, forms);
        continue;
      }
      const entry = JSON.parse(cellText(line[0])) as unknown;
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
      const key = entry[0].trim();
      if (key !== '' && isForms(entry[1])) memory.set(key, entry[1]);
    } catch {
      // an unreadable line: that dossier is treated as never imported
    }
  }
  return memory;
}

/** The memory sheet's values, one column: header, then one line per key (old order kept). */
export function memoryValues(memory: ImportMemory): CellValue[][] {
  return [
    ['Valeurs du dernier import, par dossier (ne pas modifier)'],
    ...[...memory].map(([key, forms]) => [JSON.stringify([key, forms])]),
  ];
}

/** True when two memories hold the same values. */
export function sameMemory(a: ImportMemory, b: ImportMemory): boolean {
  if (a.size !== b.size) return false;
  for (const [key, forms] of a) {
    const other = b.get(key);
    if (!other || MEMORY_KEYS.some((k) => (forms[k] ?? '') !== (other[k] ?? ''))) return false;
  }
  return true;
}

/** A cell both the export and the coordinator changed since the last import: the coordinator's value is kept. */
export interface ImportConflict {
  readonly row: number;
  readonly key: string;
  readonly kept: CellValue;
  readonly exported: CellValue;
  readonly previous: CellValue;
  readonly line: number;
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
    /** Rows flagged for the coordinator (school field unreadable). */
    readonly flagged: number;
    /** Closed dossiers replaced by a newer dossier of the same school. */
    readonly refiled: number;
  };
  readonly rejected: readonly { readonly line: number; readonly reason: string }[];
  /** Result lines about single rows that the counts do not tell. */
  readonly notices: readonly string[];
  readonly conflicts: readonly ImportConflict[];
  /** The memory after this import (what each dossier's export brought). */
  readonly memory: ImportMemory;
}

const EXCLUDED_STATES = ['Refusé', 'Classé sans suite'];
/** The "Import DS" note of an appended row: « Nouvelle ligne (import du …) » or, school unreadable, ending in « saisissez l'UAI (import du …) ». */
const NEW_ROW_NOTE_START = 'Nouvelle ligne (import du ';
const NEW_ROW_NOTE_END = (day: string): string => `saisissez l'UAI (import du ${day})`;

/** True for the note the import gives a row it appends (whatever the day). */
export function isNewRowNote(text: string): boolean {
  return (
    /^Nouvelle ligne \(import du \d\d\/\d\d\/\d{4}\)$/.test(text) ||
    /^Établissement illisible dans l'export \(ligne \d+\) : [\s\S]* ; saisissez l'UAI \(import du \d\d\/\d\d\/\d{4}\)$/.test(
      text,
    )
  );
}
const ABSENT_PREFIX = "Absent de l'export";
const headerOf = (key: string): string =>
  MEMBERS_SHEET.columns.find((c) => c.key === key)?.header ?? key;

const STATE_RANK: Readonly<Record<string, number>> = {
  Accepté: 0,
  'En instruction': 1,
  'En construction': 2,
};
const rankOf = (record: ImportRecord): number => {
  const state = cellText(record.cells.dsState);
  return EXCLUDED_STATES.includes(state) ? 4 : (STATE_RANK[state] ?? 3);
};

/**
 * A school that filed again (its old dossier refused or closed, a new one open) is one member:
 * for each UAI with several dossiers, the closed ones that an open one replaces, mapped to it.
 */
function refiledDossiers(records: readonly ImportRecord[]): Map<ImportRecord, ImportRecord> {
  const byUai = new Map<string, ImportRecord[]>();
  for (const record of records) {
    const uai = checkUai(record.cells.uai ?? '');
    if (uai.problem || rawText(record.cells.dossier) === '') continue;
    byUai.set(uai.normalized, [...(byUai.get(uai.normalized) ?? []), record]);
  }
  const replaced = new Map<ImportRecord, ImportRecord>();
  for (const group of byUai.values()) {
    if (group.length < 2) continue;
    const open = group.filter((r) => rankOf(r) < 4);
    if (open.length !== 1) continue; // two open dossiers: a real duplicate, left to the validation
    for (const closed of group) if (closed !== open[0]) replaced.set(closed, open[0]);
  }
  return replaced;
}

/**
 * The upsert of an export into the members: matched by dossier number, then by UAI; each export
 * field overwrites only the value it brings, other columns (convention, comment…) are never touched.
 * A UAI is never cleared; a refiled dossier updates the school's row instead of adding another.
 */
const UPDATED_PREFIX = (day: string): string => `Mise à jour le ${day} : `;

/**
 * The note of a row: the parts written today by an earlier import (kept, in their order) and this
 * import's parts; the lists of updated fields of the same day are merged in column order.
 */
function todaysNote(
  existing: string,
  parts: readonly string[],
  day: string,
  order: readonly string[],
): string {
  const prefix = UPDATED_PREFIX(day);
  const earlier = existing
    .split(' ; ')
    .filter((p) => p.startsWith(prefix) || p.includes(`(import du ${day})`));
  if (earlier.length === 0) return parts.join(' ; ');
  const fields = new Set<string>();
  const merged: string[] = [];
  for (const part of [...earlier, ...parts]) {
    if (part.startsWith(prefix)) {
      for (const f of part.slice(prefix.length).split(', ')) fields.add(f);
      if (!merged.includes(prefix)) merged.push(prefix);
    } else if (!merged.includes(part)) merged.push(part);
  }
  const rank = (f: string): number => (order.includes(f) ? order.indexOf(f) : order.length);
  const list = [...fields].sort((a, b) => rank(a) - rank(b)).join(', ');
  return merged.map((p) => (p === prefix ? `${prefix}${list}` : p)).join(' ; ');
}

export function planUpsert(
  existing: readonly ExistingRow[],
  records: readonly ImportRecord[],
  today: Date,
  previous: ImportMemory = new Map(),
  /**
   * For a partial source (a sync of what changed since the last one): the only dossiers that are
   * gone. Rows of other dossiers were not fetched and are neither matched nor absent.
   */
  gone?: ReadonlySet<string>,
): UpsertPlan {
  const memory = new Map(previous);
  const conflicts: ImportConflict[] = [];
  const day = formatDateFr(today);
  const fieldOrder = MEMBERS_SHEET.columns.map((c) => headerOf(c.key));
  const byDossier = new Map<string, ExistingRow>();
  const byUai = new Map<string, ExistingRow>();
  for (const row of existing) {
    const dossier = cleanCode(rawText(row.cells.dossier));
    const uai = checkUai(row.cells.uai).normalized;
    if (dossier !== '' && !byDossier.has(dossier)) byDossier.set(dossier, row);
    if (uai !== '' && !byUai.has(uai)) byUai.set(uai, row);
  }
  const replaced = refiledDossiers(records);
  const replacing = new Map<ImportRecord, ImportRecord[]>();
  for (const [closed, open] of replaced)
    replacing.set(open, [...(replacing.get(open) ?? []), closed]);
  const matched = new Set<number>();
  const seenDossiers = new Set<string>();
  const updates: CellUpdate[] = [];
  const appends: Record<string, CellValue>[] = [];
  const marks = new Map<number, string>();
  const rejected: { line: number; reason: string }[] = [];
  const notices: string[] = [];
  let updated = 0;
  let unchanged = 0;
  let excluded = 0;
  let flagged = 0;
  let refiled = 0;

  const remember = (record: ImportRecord): void => {
    const key = memoryKey(record.cells);
    if (key === '') return;
    const forms: Record<string, string> = { ...(memory.get(key) ?? {}) };
    for (const k of MEMORY_KEYS) if (k in record.cells) forms[k] = memoryForm(record.cells[k]);
    memory.set(key, forms);
  };
  // Open dossiers first, so that a refiled school's new dossier takes the row of its old one.
  const ordered = [
    ...records.filter((r) => !replaced.has(r)),
    ...records.filter((r) => replaced.has(r)),
  ];
  for (const record of ordered) {
    const dossier = rawText(record.cells.dossier);
    const uai = checkUai(record.cells.uai ?? '');
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
    for (const key of record.tooLong ?? [])
      notices.push(
        `Ligne ${record.line} de l'export (dossier ${dossier || '?'}) : « ${fieldLabel(key)} » dépasse ${CELL_LIMIT_TEXT} caractères, la limite d'une cellule : valeur non importée, cellule inchangée.`,
      );
    const open = replaced.get(record);
    const closedOnes = replacing.get(record) ?? [];
    const ownRow = byDossier.get(dossier);
    const candidate =
      (ownRow && !matched.has(ownRow.row) ? ownRow : undefined) ??
      closedOnes
        .map((c) => byDossier.get(rawText(c.cells.dossier)))
        .find((r) => r !== undefined && !matched.has(r.row)) ??
      (uai.problem || open ? undefined : byUai.get(uai.normalized));
    const target = candidate && !matched.has(candidate.row) ? candidate : undefined;
    const state = cellText(record.cells.dsState);
    if (!open || target) remember(record);
    if (open && !target) {
      refiled++;
      notices.push(
        `Dossier ${dossier} (${state}) de l'UAI ${uai.normalized} : remplacé par le dossier ${rawText(open.cells.dossier)} (${cellText(open.cells.dsState)}), même établissement, une seule ligne.`,
      );
      continue;
    }
    if (!target) {
      const note =
        record.unreadableSchool !== undefined
          ? `Établissement illisible dans l'export (ligne ${record.line}) : « ${showInvisible(record.unreadableSchool.slice(0, 80))} » ; ${NEW_ROW_NOTE_END(day)}`
          : `${NEW_ROW_NOTE_START}${day})`;
      const cells: Record<string, CellValue> = { ...record.cells, importNote: note };
      if (record.unreadableSchool !== undefined) {
        cells.name = record.unreadableSchool;
        flagged++;
      }
      appends.push(cells);
      if (EXCLUDED_STATES.includes(state)) excluded++;
      continue;
    }
    matched.add(target.row);
    // Three-way: the export's value, the sheet's, and what the last import brought.
    const base = previous.get(memoryKey(record.cells));
    const changed = Object.entries(record.cells).filter(([key, value]) => {
      const current = target.cells[key];
      if (canonical(value) === canonical(current)) return false;
      if (key === 'uai' && cellText(value) === '') return false;
      if (!base || !(key in base)) return true;
      if (memoryForm(value) === base[key]) return false; // the coordinator's correction
      if (memoryForm(current) === base[key]) return true;
      conflicts.push({
        row: target.row,
        key,
        kept: current,
        exported: value,
        previous: formValue(base[key]),
        line: record.line,
      });
      return false;
    });
    const previousDossier = cleanCode(rawText(target.cells.dossier));
    const refiledFrom =
      closedOnes.length > 0 && previousDossier !== dossier ? previousDossier : undefined;
    if (refiledFrom !== undefined) refiled++;
    if (record.unreadableSchool !== undefined) {
      flagged++;
      notices.push(
        `Ligne ${record.line} de l'export (dossier ${dossier}) : établissement illisible « ${showInvisible(record.unreadableSchool.slice(0, 80))} » (attendu : « <nom>, <commune> (<UAI>) ») ; l'UAI ${cellText(target.cells.uai) || '(vide)'} de la ligne ${target.row} est conservé.`,
      );
    }
    for (const [key, value] of changed) updates.push({ row: target.row, key, value });
    const becameExcluded =
      changed.some(([key]) => key === 'dsState') && EXCLUDED_STATES.includes(state);
    if (becameExcluded) excluded++;
    const list = changed
      .filter(([key]) => !(becameExcluded && key === 'dsState'))
      .map(([key]) => headerOf(key))
      .sort((a, b) => fieldOrder.indexOf(a) - fieldOrder.indexOf(b))
      .join(', ');
    const parts: string[] = [];
    if (refiledFrom !== undefined) {
      const closed = closedOnes.find((c) => rawText(c.cells.dossier) === refiledFrom);
      parts.push(
        `Nouveau dossier ${dossier} (${state}) : remplace le dossier ${refiledFrom}${closed ? ` (${cellText(closed.cells.dsState)})` : ''}, même établissement (import du ${day})`,
      );
      notices.push(
        `UAI ${uai.normalized} : le dossier ${dossier} (${state}) remplace le dossier ${refiledFrom} sur la ligne ${target.row}, une seule ligne pour l'établissement.`,
      );
    } else if (becameExcluded)
      parts.push(
        `${state} sur démarches simplifiées : retrait, force majeure à confirmer (import du ${day})`,
      );
    if (list !== '') parts.push(`${UPDATED_PREFIX(day)}${list}`);
    if (record.unreadableSchool !== undefined)
      parts.push(
        `Établissement illisible dans l'export (ligne ${record.line}) : UAI conservé, vérifiez le dossier (import du ${day})`,
      );
    // Today's earlier note on this row is kept and completed: an import killed after its marks
    // were written, then run again, writes the same note as an uninterrupted one.
    const note = todaysNote(cellText(target.cells.importNote), parts, day, fieldOrder);
    if (changed.length === 0) {
      unchanged++;
      if (parts.length > 0) marks.set(target.row, note);
      else if (cellText(target.cells.importNote).startsWith(ABSENT_PREFIX))
        marks.set(target.row, `De nouveau dans l'export (import du ${day})`);
      continue;
    }
    updated++;
    marks.set(target.row, note);
  }

  let absent = 0;
  for (const row of existing) {
    const dossier = rawText(row.cells.dossier).trim();
    if (dossier === '' || matched.has(row.row)) continue;
    if (gone && !gone.has(cleanCode(dossier))) continue;
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
    counts: { created: appends.length, updated, unchanged, absent, excluded, flagged, refiled },
    rejected,
    notices,
    conflicts,
    memory,
  };
}
