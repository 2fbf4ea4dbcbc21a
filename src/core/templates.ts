// Message templates ("Modèles", seeded from workbook/templates.ts): written in the small markup, with
// placeholders {{Colonne}} matched ignoring case, accents and spaces. Mustache parses the
// placeholders and sections; the markup is then read with the values kept apart (markup.ts), and
// written as HTML (values escaped, line breaks kept) and as plain text. Unknown placeholders, and
// placeholders that would insert raw HTML, stop a merge.

import Mustache, { type TemplateSpans } from 'mustache';
import { blocksToHtml, blocksToText, parseMarkup, type Piece } from './markup';
import { UserError } from './errors';
import type { CellValue } from './schema';
import { cellText, headerText, normalizeKey } from './text';
import { TEMPLATES_SHEET } from './workbook/templates';

export interface Template {
  readonly id: string;
  readonly audience: string;
  readonly service: string;
  readonly subject: string;
  readonly body: string;
  readonly cc: string;
  readonly attachment: string;
  readonly active: boolean;
}

export function templateFrom(cells: Readonly<Record<string, CellValue>>): Template {
  return {
    id: cellText(cells.id).trim(),
    audience: cellText(cells.audience).trim(),
    service: cellText(cells.service).trim(),
    subject: cellText(cells.subject),
    body: cellText(cells.body),
    cc: cellText(cells.cc).trim(),
    attachment: cellText(cells.attachment).trim(),
    active: normalizeKey(cellText(cells.active)) !== 'non',
  };
}

/** Values offered to a template: keys are normalised, values already written the French way. */
export type View = { [key: string]: string | View[] };

export function viewOf(fields: Readonly<Record<string, CellValue>>): View {
  const view: View = {};
  for (const [key, value] of Object.entries(fields)) view[normalizeKey(key)] = cellText(value);
  return view;
}

/** Placeholders written by people, turned into the normalised keys of the view. */
function normalizeTags(template: string): string {
  return template.replace(
    /\{\{(\{?)([#/^&]?)\s*([^}!][^}]*?)\s*(\}?)\}\}/g,
    (_, open: string, sigil: string, name: string, close: string) =>
      `{{${open}${sigil}${normalizeKey(name)}${close}}}`,
  );
}

/** The value of a key in the innermost scope that has it (own keys only: not `constructor`). */
function lookup(scopes: readonly View[], key: string): View[string] | undefined {
  const scope = scopes.find((s) => Object.prototype.hasOwnProperty.call(s, key));
  return scope?.[key];
}

const childrenOf = (span: TemplateSpans[number]): TemplateSpans =>
  Array.isArray(span[4]) ? span[4] : [];

/** A placeholder that would put its value in unescaped ({{{…}}} or {{&…}}), as typed. */
interface RawPlaceholder {
  readonly tag: string;
  readonly name: string;
}

/** Placeholders the view cannot fill, and raw ones, as the coordinator typed them. */
function placeholders(template: string, view: View): { unknown: string[]; raw: RawPlaceholder[] } {
  const unknown = new Set<string>();
  const raw = new Set<string>();
  const walk = (spans: TemplateSpans, scopes: View[]): void => {
    for (const span of spans) {
      const [type, name] = span;
      if (type === 'text' || type === '!') continue;
      const key = normalizeKey(name);
      if (type === '&') raw.add(key);
      const rows = lookup(scopes, key);
      if (rows === undefined) unknown.add(key);
      if (type === '#' || type === '^') {
        const inner = Array.isArray(rows) && rows.length > 0 ? rows[0] : {};
        walk(childrenOf(span), [inner, ...scopes]);
      }
    }
  };
  walk(Mustache.parse(normalizeTags(template)), [view]);
  const typed = [...template.matchAll(/\{\{\{?[#/^&]?\s*([^}!][^}]*?)\s*\}?\}\}/g)];
  const nameOf = (key: string): string => typed.find((m) => normalizeKey(m[1]) === key)?.[1] ?? key;
  return {
    unknown: [...unknown].map(nameOf),
    raw: [...raw].map((key) => ({
      tag:
        typed.find((m) => normalizeKey(m[1]) === key && /^\{\{[{&]/.test(m[0]))?.[0] ??
        `{{{${nameOf(key)}}}}`,
      name: nameOf(key),
    })),
  };
}

/** Placeholders that the view cannot fill, as the template wrote them. */
export function unknownPlaceholders(template: string, view: View): string[] {
  return placeholders(template, view).unknown;
}

/** The template's text and the values of its placeholders, sections repeated, values kept apart. */
function substitute(spans: TemplateSpans, scopes: readonly View[], out: Piece[] = []): Piece[] {
  for (const span of spans) {
    const [type, name] = span;
    if (type === 'text') {
      out.push(name);
      continue;
    }
    const value = lookup(scopes, normalizeKey(name));
    if (type === 'name') out.push({ value: typeof value === 'string' ? value : '' });
    else if (type === '#' || type === '^') {
      const rows: readonly View[] = Array.isArray(value) ? value : value ? [{}] : [];
      if (type === '^' && rows.length === 0) substitute(childrenOf(span), scopes, out);
      if (type === '#') for (const row of rows) substitute(childrenOf(span), [row, ...scopes], out);
    }
    // Comments, partials and delimiter changes put nothing in, as in mustache; raw values are
    // refused before.
  }
  return out;
}

const fill = (template: string, view: View): Piece[] =>
  substitute(Mustache.parse(normalizeTags(template)), [view]);

export interface Rendered {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export class TemplateError extends UserError {}

/** Renders a template; throws a TemplateError naming raw or unknown placeholders. */
export function renderTemplate(template: Template, view: View): Rendered {
  const found = [template.subject, template.body].map((t) => placeholders(t, view));
  const raw = found.flatMap((f) => f.raw);
  const fix = `Corrigez le modèle (feuille « ${TEMPLATES_SHEET.name} »)`;
  if (raw.length > 0) {
    const tags = [...new Set(raw.map((r) => r.tag))];
    const names = [...new Set(raw.map((r) => `{{${r.name}}}`))];
    throw new TemplateError(
      `Modèle « ${template.id} » : ${tags.join(', ')} ${tags.length > 1 ? 'inséreraient les valeurs telles quelles' : 'insérerait la valeur telle quelle'} (HTML brut), ce qui n’est pas permis ; écrivez ${names.join(', ')}. ${fix} : aucun message n’a été envoyé.`,
    );
  }
  const unknown = [...new Set(found.flatMap((f) => f.unknown))];
  if (unknown.length > 0) {
    throw new TemplateError(
      `Modèle « ${template.id} » : ${unknown.length > 1 ? 'champs inconnus' : 'champ inconnu'} ${unknown.map((u) => `{{${u}}}`).join(', ')}. ${fix} : aucun message n'a été envoyé.`,
    );
  }
  const subject = headerText(
    fill(template.subject, view)
      .map((p) => (typeof p === 'string' ? p : p.value))
      .join(''),
  );
  const blocks = parseMarkup(fill(template.body, view));
  return {
    subject,
    html: `<div style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.45">\n${blocksToHtml(blocks)}\n</div>`,
    text: blocksToText(blocks),
  };
}
