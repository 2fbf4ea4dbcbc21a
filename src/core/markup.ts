// The small markup of message templates, read once placeholders are resolved but with their values
// kept apart: a value is one opaque piece, never markup, so links and bold come out the same
// whatever the members' cells or the settings hold.
//   blank line       new paragraph          **texte**        bold
//   - élément        list item              [texte](lien)    link (http, https or mailto only;
//                                                              any other target stays plain text)

import { escapeHtml } from './text';

/** A value put in by a placeholder: shown as it is, never read as markup. */
export interface Value {
  readonly value: string;
}

/** A template once its sections are expanded: its own text (markup) and the values it received. */
export type Piece = string | Value;

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'strong'; readonly children: readonly Inline[] }
  | { readonly kind: 'link'; readonly label: readonly Inline[]; readonly target: string };

export interface Block {
  readonly kind: 'list' | 'paragraph';
  readonly lines: readonly (readonly Inline[])[];
}

/** One character of the template's own text, or one value. */
type Atom = string | Value;

const isChar = (atom: Atom | undefined, ch: string): boolean => atom === ch;

function atomsOf(pieces: readonly Piece[]): Atom[] {
  const atoms: Atom[] = [];
  for (const piece of pieces) {
    if (typeof piece !== 'string') atoms.push(piece);
    else for (const ch of piece.replace(/\r\n?/g, '\n')) atoms.push(ch);
  }
  return atoms;
}

function splitLines(atoms: readonly Atom[]): Atom[][] {
  const lines: Atom[][] = [[]];
  for (const atom of atoms) {
    if (atom === '\n') lines.push([]);
    else lines[lines.length - 1].push(atom);
  }
  return lines;
}

const isBlank = (line: readonly Atom[]): boolean =>
  line.every((a) => typeof a === 'string' && /\s/.test(a));

/** Length of the "- " that makes a line a list item, or 0. */
function bulletLength(line: readonly Atom[]): number {
  let i = 0;
  while (typeof line[i] === 'string' && /[ \t]/.test(line[i] as string)) i++;
  if (!isChar(line[i], '-')) return 0;
  const start = ++i;
  while (typeof line[i] === 'string' && /\s/.test(line[i] as string)) i++;
  return i > start ? i : 0;
}

/** Parses the template's markup; values stay opaque. */
export function parseMarkup(pieces: readonly Piece[]): Block[] {
  const blocks: Block[] = [];
  let chunk: Atom[][] = [];
  const flush = (): void => {
    if (chunk.length === 0) return;
    const isList = chunk.every((line) => bulletLength(line) > 0);
    blocks.push({
      kind: isList ? 'list' : 'paragraph',
      lines: chunk.map((line) => parseInline(isList ? line.slice(bulletLength(line)) : line)),
    });
    chunk = [];
  };
  for (const line of splitLines(atomsOf(pieces))) {
    if (isBlank(line)) flush();
    else chunk.push(line);
  }
  flush();
  return blocks;
}

type Kind = 'space' | 'punctuation' | 'other';

/** What surrounds a delimiter, as CommonMark sees it; a value counts as a word. */
function kindOf(atom: Atom | undefined): Kind {
  if (atom === undefined) return 'space';
  if (typeof atom !== 'string') return 'other';
  if (/\s/u.test(atom)) return 'space';
  return /[\p{P}\p{S}]/u.test(atom) ? 'punctuation' : 'other';
}

/** A "**" that may open or close bold (CommonMark's flanking rules): "RGS**," only closes. */
function delimiter(line: readonly Atom[], i: number): { open: boolean; close: boolean } | null {
  if (!isChar(line[i], '*') || !isChar(line[i + 1], '*')) return null;
  if (isChar(line[i - 1], '*') || isChar(line[i + 2], '*')) return null;
  const before = kindOf(line[i - 1]);
  const after = kindOf(line[i + 2]);
  return {
    open: after !== 'space' && (after !== 'punctuation' || before !== 'other'),
    close: before !== 'space' && (before !== 'punctuation' || after !== 'other'),
  };
}

/** The end of a link starting with "[" at `start`: [label](target) with no space in the target. */
function linkAt(
  line: readonly Atom[],
  start: number,
  end: number,
): { labelEnd: number; targetStart: number; next: number } | null {
  let i = start + 1;
  while (i < end && !isChar(line[i], ']')) {
    if (isChar(line[i], '[')) return null;
    i++;
  }
  if (i >= end || !isChar(line[i + 1], '(')) return null;
  const labelEnd = i;
  let depth = 0;
  for (let j = i + 2; j < end; j++) {
    const atom = line[j];
    if (typeof atom !== 'string') continue;
    if (/\s/.test(atom)) return null;
    if (atom === '(') depth++;
    else if (atom === ')' && depth-- === 0) return { labelEnd, targetStart: i + 2, next: j + 1 };
  }
  return null;
}

type Pending = Inline | { readonly kind: 'delimiter'; readonly open: boolean };

function parseInline(line: readonly Atom[], from = 0, to = line.length): Inline[] {
  const out: Pending[] = [];
  const openers: number[] = [];
  const text = (t: string): void => {
    const last = out[out.length - 1];
    if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + t };
    else out.push({ kind: 'text', text: t });
  };
  let i = from;
  while (i < to) {
    const atom = line[i];
    if (typeof atom !== 'string') {
      out.push({ kind: 'value', value: atom.value });
      i++;
      continue;
    }
    const link = atom === '[' ? linkAt(line, i, to) : null;
    if (link) {
      const target = line
        .slice(link.targetStart, link.next - 1)
        .map((a) => (typeof a === 'string' ? a : a.value))
        .join('');
      out.push({ kind: 'link', label: parseInline(line, i + 1, link.labelEnd), target });
      i = link.next;
      continue;
    }
    const delim = delimiter(line, i);
    if (delim && delim.close && openers.length > 0) {
      const at = openers.pop() as number;
      const children = out.splice(at).slice(1).map(settled);
      out.push({ kind: 'strong', children });
    } else if (delim && delim.open) {
      openers.push(out.length);
      out.push({ kind: 'delimiter', open: true });
    } else text(delim ? '**' : atom);
    i += delim ? 2 : 1;
  }
  return out.map(settled);
}

/** An opener never closed is plain text. */
const settled = (node: Pending): Inline =>
  node.kind === 'delimiter' ? { kind: 'text', text: '**' } : node;

/** Only http(s) and mailto targets become links. */
function safeHref(target: string): string | null {
  const url = target.trim();
  return /^(https?:\/\/|mailto:)\S+$/i.test(url) ? url : null;
}

const linkText = (label: string, target: string): string =>
  target.trim() === '' ? label : `${label} (${target.trim()})`;

function inlineHtml(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return escapeHtml(node.text);
        case 'value':
          return escapeHtml(node.value).replace(/\r?\n/g, '<br>');
        case 'strong':
          return `<strong>${inlineHtml(node.children)}</strong>`;
        case 'link': {
          const href = safeHref(node.target);
          const label = inlineHtml(node.label);
          return href === null
            ? linkText(label, escapeHtml(node.target))
            : `<a href="${escapeHtml(href)}">${label}</a>`;
        }
      }
    })
    .join('');
}

function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return node.text;
        case 'value':
          return node.value;
        case 'strong':
          return inlineText(node.children);
        case 'link':
          return linkText(inlineText(node.label), node.target);
      }
    })
    .join('');
}

export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) =>
      block.kind === 'list'
        ? `<ul>${block.lines.map((l) => `<li>${inlineHtml(l)}</li>`).join('')}</ul>`
        : `<p>${block.lines.map(inlineHtml).join('<br>')}</p>`,
    )
    .join('\n');
}

export function blocksToText(blocks: readonly Block[]): string {
  return blocks
    .map((block) =>
      block.lines
        .map((l) => (block.kind === 'list' ? `- ${inlineText(l)}` : inlineText(l)))
        .join('\n'),
    )
    .join('\n\n');
}
