// The validation summary: anomalies grouped by rule with their counts; each line selects its cell.

import { byId, h, showError } from '../kit/dom';
import { server } from '../kit/server';
import type { ValidationGroup, ValidationSummary } from '../../shared/api';
import { formatNumberFr, plural } from '../../shared/french';

function group(g: ValidationGroup, onSelect: (a1: string) => void): HTMLElement {
  return h(
    'details',
    {},
    h(
      'summary',
      {},
      h('span', { class: `badge badge-${g.severity}` }, String(g.cells.length)),
      ` ${g.title} `,
      h('span', { class: 'muted' }, `(${g.code})`),
    ),
    h(
      'ul',
      { class: 'cells' },
      ...g.cells.map((cell) => {
        const button = h(
          'button',
          { type: 'button', class: 'link' },
          `${cell.a1} · ${cell.uai || 'sans UAI'} : ${cell.message}`,
        );
        button.addEventListener('click', () => onSelect(cell.a1));
        return h('li', {}, button);
      }),
    ),
  );
}

function render(summary: ValidationSummary, app: HTMLElement): void {
  const s = summary.summary;
  const onSelect = (a1: string): void => {
    server('selectMemberCell', a1).catch((error: unknown) => showError(app, error));
  };
  app.replaceChildren(
    h('h1', {}, 'Contrôle des recensements'),
    h(
      'p',
      {},
      `${plural(s.rows, 'ligne')} : ${plural(s.ok, 'valide')}, ${formatNumberFr(s.warnings)} à vérifier, ${plural(s.blocking, 'bloquante')}.`,
    ),
    summary.groups.length === 0
      ? h('div', { class: 'alert alert-success' }, 'Aucune anomalie.')
      : h(
          'p',
          { class: 'muted' },
          `Cliquez une ligne pour aller à la cellule de la feuille « ${summary.sheet} ».`,
        ),
    ...summary.groups.map((g) => group(g, onSelect)),
  );
}

const app = byId('app');
server('getValidationSummary')
  .then((summary) => render(summary, app))
  .catch((error: unknown) => showError(app, error));
