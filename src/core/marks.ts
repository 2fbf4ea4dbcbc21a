// The marks the validation leaves on offending cells: a note block and a colour. The tool removes
// only its own marks: the block in the note is its memory of the cells it marked (it travels with
// the cell when rows are sorted) and holds the colour it covered. A colour alone never tells a mark:
// a cell the user coloured "light red 3" without the tool's block is the user's.

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
  if (at < 0) return cell; // not marked by the tool: the note and the colour are the user's
  const block = cell.note.slice(at);
  const note = cell.note.slice(0, at).replace(/\n+$/, '');
  const remembered = ORIGINAL.exec(block)?.[1] ?? WHITE;
  // A colour the user chose after the mark is kept; the tool's own colour gives way to the original.
  const background = isMarkColor(cell.background) ? remembered : cell.background;
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
