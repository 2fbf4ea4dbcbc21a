// A static, offline page of the dashboard: the member × service matrix, the late items, the share
// active per service and per wave, and the stacked-bar chart drawn as inline SVG. No network needed.

import { CHART_COLORS, type DashboardModel } from '../../src/core/dashboard';
import { escapeHtml, plural } from '../../src/core/text';
import { TRACKING_STATUS } from '../../src/core/tracking';

const escape = (text: unknown): string => escapeHtml(String(text));

export function chartSvg(model: DashboardModel): string {
  const rowHeight = 28;
  const left = 170;
  const width = 720;
  const barWidth = width - left - 20;
  const max = Math.max(1, ...model.chart.bars.map((b) => b.reduce((a, n) => a + n, 0)));
  const height = model.services.length * rowHeight + 60;
  const bars = model.services
    .map((service, i) => {
      let x = left;
      const y = 10 + i * rowHeight;
      const segments = model.chart.bars[i]
        .map((count, j) => {
          if (count === 0) return '';
          const w = (count / max) * barWidth;
          const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${CHART_COLORS[j]}"><title>${escape(service)} — ${escape(TRACKING_STATUS[model.chart.statuses[j]].label)} : ${count}</title></rect>`;
          const label =
            w > 18
              ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + rowHeight / 2 + 1}" text-anchor="middle" font-size="11" fill="#fff">${count}</text>`
              : '';
          x += w;
          return rect + label;
        })
        .join('');
      return `<text x="${left - 8}" y="${y + rowHeight / 2 + 1}" text-anchor="end" font-size="12">${escape(service)}</text>${segments}`;
    })
    .join('');
  const legend = model.chart.statuses
    .map(
      (status, j) =>
        `<rect x="${left + j * 130}" y="${height - 30}" width="12" height="12" fill="${CHART_COLORS[j]}"/><text x="${left + j * 130 + 18}" y="${height - 20}" font-size="12">${escape(TRACKING_STATUS[status].label)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Statut par service" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, sans-serif">${bars}${legend}</svg>`;
}

const percent = (rate: number | null): string =>
  rate === null ? '—' : `${Math.round(rate * 100)} %`;

export function dashboardHtml(model: DashboardModel, title: string): string {
  const matrix = model.matrix
    .map(
      (m) =>
        `<tr><td>${escape(m.uai)}</td><td>${escape(m.name)}</td><td>${escape(m.wave)}</td>${m.cells
          .map((c) =>
            c
              ? `<td style="background:${TRACKING_STATUS[c.status].color}" title="${escape(TRACKING_STATUS[c.status].label)}">${escape(c.step)}</td>`
              : '<td></td>',
          )
          .join('')}</tr>`,
    )
    .join('\n');
  const late = model.late
    .map(
      (l) =>
        `<tr><td>${escape(l.uai)}</td><td>${escape(l.name)}</td><td>${escape(l.service)}</td><td>${escape(l.step)}</td><td>${escape(l.actor)}</td><td class="num">${l.lateDays}</td><td>${escape(l.nextAction)}</td></tr>`,
    )
    .join('\n');
  const active = model.activeByService
    .map(
      (s) =>
        `<tr><td>${escape(s.service)}</td><td class="num">${s.active}</td><td class="num">${s.total}</td><td class="num">${percent(s.total ? s.active / s.total : null)}</td></tr>`,
    )
    .join('');
  const waves = model.activeByWave
    .map(
      (w) =>
        `<tr><td>${escape(w.wave)}</td>${w.rates.map((r) => `<td class="num">${percent(r)}</td>`).join('')}</tr>`,
    )
    .join('');
  const head = model.services.map((s) => `<th>${escape(s)}</th>`).join('');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
body { font: 14px/1.4 Arial, Helvetica, sans-serif; margin: 24px; color: #202124; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; color: #1a5fb4; }
table { border-collapse: collapse; margin-bottom: 8px; } th, td { border: 1px solid #d0d0d0; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #dbe8f7; } td.num { text-align: right; } .muted { color: #5e5c64; }
.grid { display: flex; gap: 32px; flex-wrap: wrap; align-items: flex-start; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="muted">Actualisé le ${escape(model.refreshedAt)} — ${plural(model.matrix.length, 'adhérent suivi', 'adhérents suivis')}, ${plural(model.late.length, 'élément')} en retard.</p>
<div class="grid">
<section><h2>Statut par service</h2>${chartSvg(model)}</section>
<section><h2>Part des services actifs</h2>
<table><tr><th>Service</th><th>Actifs</th><th>Total</th><th>Part active</th></tr>${active}</table>
<table><tr><th>Vague</th>${head}</tr>${waves}</table></section>
</div>
<h2>En retard (${model.late.length})</h2>
${model.late.length ? `<table><tr><th>UAI</th><th>Établissement</th><th>Service</th><th>Étape</th><th>Qui agit</th><th>Retard (jours ouvrés)</th><th>Prochaine action</th></tr>\n${late}</table>` : '<p>Aucun retard.</p>'}
<h2>Adhérents × services</h2>
<table><tr><th>UAI</th><th>Établissement</th><th>Vague</th>${head}</tr>
${matrix}
</table>
</body>
</html>
`;
}
