// The marks the validation leaves on offending cells: a note block and a colour. The tool removes
// only its own marks: its block is recognisable in the note, and it remembers the colour it covered.

import type { Severity } from './census';

export const MARK_HEADER = '— Contrôle du recensement —';
export const MARK_COLORS: Readonly<Record<Severity, string>> = {
  bloquant: '#f4cccc',
  avertissement: '#fce5cd',
};
const WHITE = '#ffffff';
const ORIGINAL = /^\[couleur d’origine : (#[0-9a-f]{6})\]$/m;

export interface CellFormat {
  readonly note: string;
  readonly background: string;
}

export interface CellMark {
  readonly severity: Severity;
  readonly messages: readonly string[];
}

const isMarkColor = (color: string): boolean =>
  Object.values(MARK_COLORS).includes(color.toLowerCase());

/** The cell as it was before the tool marked it. */
export function unmark(cell: CellFormat): CellFormat {
  const at = cell.note.indexOf(MARK_HEADER);
  const block = at >= 0 ? cell.note.slice(at) : '';
  const note = at >= 0 ? cell.note.slice(0, at).replace(/\n+$/, '') : cell.note;
  const remembered = ORIGINAL.exec(block)?.[1];
  const background = remembered ?? (isMarkColor(cell.background) ? WHITE : cell.background);
  return { note, background };
}

/** The cell with the tool's mark (or without any, when `mark` is undefined). */
export function applyMark(cell: CellFormat, mark: CellMark | undefined): CellFormat {
  const clean = unmark(cell);
  if (!mark) return clean;
  const original =
    clean.background.toLowerCase() === WHITE
      ? ''
      : `\n[couleur d’origine : ${clean.background.toLowerCase()}]`;
  const block = `${MARK_HEADER}\n${mark.messages.join('\n')}${original}`;
  return {
    note: clean.note === '' ? block : `${clean.note}\n\n${block}`,
    background: MARK_COLORS[mark.severity],
  };
}
