// The small markup of message templates, turned into an HTML template and a plain-text template
// (placeholders {{…}} are left for the template engine):
//   blank line       new paragraph          **texte**        bold
//   - élément        list item              [texte](lien)    link
//   a line holding only {{#section}} or {{/section}} repeats what lies between, once per row.

import { escapeHtml } from './text';

const SECTION_LINE = /^\s*\{\{[#/^][^}]*\}\}\s*$/;

/** Inline markup to HTML; the template's own text is escaped, placeholders are kept. */
function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(
      /\[([^\]]+)\]\(([^)\s]+)\)/g,
      (_, label: string, href: string) => `<a href="${href}">${label}</a>`,
    );
}

function inlineText(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)');
}

type Block = { kind: 'list' | 'paragraph'; lines: string[] };

function blocks(markup: string): Block[] {
  const out: Block[] = [];
  for (const chunk of markup.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const content = lines.filter((l) => !SECTION_LINE.test(l));
    const isList = content.length > 0 && content.every((l) => /^\s*-\s+/.test(l));
    out.push({ kind: isList ? 'list' : 'paragraph', lines });
  }
  return out;
}

export function markupToHtml(markup: string): string {
  return blocks(markup)
    .map((block) => {
      if (block.kind === 'list') {
        const items = block.lines.map((l) =>
          SECTION_LINE.test(l) ? l.trim() : `<li>${inlineHtml(l.replace(/^\s*-\s+/, ''))}</li>`,
        );
        return `<ul>${items.join('')}</ul>`;
      }
      const parts = block.lines.map((l) => (SECTION_LINE.test(l) ? l.trim() : inlineHtml(l)));
      return `<p>${parts
        .join('<br>')
        .replace(/(\{\{[#/^][^}]*\}\})<br>/g, '$1')
        .replace(/<br>(\{\{[#/^][^}]*\}\})/g, '$1')}</p>`;
    })
    .join('\n');
}

export function markupToText(markup: string): string {
  return blocks(markup)
    .map((block) =>
      block.lines
        .map((l) =>
          SECTION_LINE.test(l)
            ? l.trim()
            : inlineText(block.kind === 'list' ? `- ${l.replace(/^\s*-\s+/, '')}` : l),
        )
        .join('\n'),
    )
    .join('\n\n'); // mustache drops the lines that hold only a section tag
}
