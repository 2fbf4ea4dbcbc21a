// The help sidebar: the deployment guide's rules with the current settings' addresses and links.

import { byId, h, link, showError } from '../kit/dom';
import { server } from '../kit/server';
import type { HelpContent } from '../../shared/api';

function render(content: HelpContent): HTMLElement {
  return h(
    'div',
    {},
    h('h1', {}, content.title),
    ...content.warnings.map((w) => h('div', { class: 'alert alert-warning', role: 'status' }, w)),
    ...content.sections.map((section) =>
      h(
        'section',
        {},
        h('h2', {}, section.title),
        h(
          'ul',
          {},
          ...section.items.map((item) =>
            h('li', {}, item.link ? link(item.text, item.link) : item.text),
          ),
        ),
      ),
    ),
  );
}

const app = byId('app');
server('getHelpContent')
  .then((content) => app.replaceChildren(render(content)))
  .catch((error: unknown) => showError(app, error));
