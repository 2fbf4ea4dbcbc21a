// "Vérifier l'installation": each check with OK or "à corriger" and what to do; a button sets the
// spreadsheet's time zone and locale when they are wrong. Every value is shown as text (h()).

import { byId, h, showError } from '../kit/dom';
import { server } from '../kit/server';
import type { InstallationLine, InstallationReport } from '../../shared/api';

function line(l: InstallationLine): HTMLElement {
  const ok = l.status === 'ok';
  return h(
    'li',
    { class: ok ? 'check check-ok' : 'check check-fix' },
    h('span', { class: ok ? 'badge badge-ok' : 'badge badge-bloquant' }, ok ? 'OK' : 'À corriger'),
    ` ${l.text}`,
    ...(l.action ? [h('div', { class: 'muted' }, l.action)] : []),
  );
}

function render(report: InstallationReport, app: HTMLElement): void {
  const topics = [...new Set(report.lines.map((l) => l.topic))];
  const button = h('button', { type: 'button' }, 'Régler le fuseau horaire et la langue');
  button.addEventListener('click', () => {
    button.setAttribute('disabled', '');
    server('setTimeZoneAndLocale')
      .then((next) => render(next, app))
      .catch((error: unknown) => showError(app, error));
  });
  const toFix = report.lines.some((l) => l.status !== 'ok');
  app.replaceChildren(
    h('h1', {}, 'Vérifier l’installation'),
    h(
      'div',
      { class: toFix ? 'alert alert-warning' : 'alert alert-success', role: 'status' },
      report.summary,
    ),
    ...(report.done ?? []).map((d) => h('div', { class: 'alert alert-success' }, d)),
    ...(report.canFixZones ? [h('p', {}, button)] : []),
    ...topics.map((topic) =>
      h(
        'section',
        {},
        h('h2', {}, topic),
        h('ul', {}, ...report.lines.filter((l) => l.topic === topic).map(line)),
      ),
    ),
    h('p', { class: 'muted' }, 'Ce rapport est aussi écrit dans la feuille « Journal ».'),
  );
}

const app = byId('app');
server('checkInstallation')
  .then((report) => render(report, app))
  .catch((error: unknown) => showError(app, error));
