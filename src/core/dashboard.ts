// The dashboard: where every member stands, service by service; counts per step; share active per
// service and per wave; late items by delay; the data of the stacked-bar chart. Pure: the tracking
// rows in, a model out, and the model laid out as one block of cells.

import { PATHS } from './catalogue';
import type { CellValue } from './schema';
import { TRACKING_STATUS, type TrackingStatus } from './tracking';
import { formatDateTimeFr, rawText } from './text';

export interface DashboardRow {
  readonly cells: Readonly<Record<string, CellValue>>;
  readonly status: TrackingStatus;
}

export interface DashboardModel {
  readonly refreshedAt: string;
  readonly services: readonly string[];
  readonly matrix: readonly {
    readonly uai: string;
    readonly name: string;
    readonly wave: string;
    readonly cells: readonly ({ readonly step: string; readonly status: TrackingStatus } | null)[];
  }[];
  readonly counts: readonly {
    readonly service: string;
    readonly step: string;
    readonly count: number;
  }[];
  readonly activeByService: readonly {
    readonly service: string;
    readonly active: number;
    readonly total: number;
  }[];
  readonly activeByWave: readonly {
    readonly wave: string;
    readonly rates: readonly (number | null)[];
  }[];
  readonly late: readonly {
    readonly uai: string;
    readonly name: string;
    readonly service: string;
    readonly step: string;
    readonly actor: string;
    readonly lateDays: number;
    readonly nextAction: string;
  }[];
  /** Stacked bars: for each service, the number of rows in each chart status. */
  readonly chart: {
    readonly statuses: readonly TrackingStatus[];
    readonly bars: readonly number[][];
  };
}

const CHART_STATUSES: readonly TrackingStatus[] = ['todo', 'in_progress', 'late', 'active'];
/** The bar colour of each chart status, in the same order (the sheet's chart and the offline page). */
export const CHART_COLORS: readonly string[] = ['#9e9e9e', '#f1c232', '#cc0000', '#6aa84f'];

export function dashboardModel(rows: readonly DashboardRow[], refreshedAt: Date): DashboardModel {
  const services = PATHS.map((p) => p.label);
  const live = rows.filter((r) => r.status !== 'dropped' && rawText(r.cells.key) !== '');
  const members = new Map<
    string,
    {
      uai: string;
      name: string;
      wave: string;
      cells: ({ step: string; status: TrackingStatus } | null)[];
    }
  >();
  for (const row of live) {
    const uai = rawText(row.cells.uai);
    const member = members.get(uai) ?? {
      uai,
      name: rawText(row.cells.name),
      wave: rawText(row.cells.wave),
      cells: services.map(() => null),
    };
    const column = services.indexOf(rawText(row.cells.service));
    if (column >= 0) member.cells[column] = { step: rawText(row.cells.step), status: row.status };
    members.set(uai, member);
  }
  const matrix = [...members.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'fr') || a.uai.localeCompare(b.uai),
  );

  const counts: { service: string; step: string; count: number }[] = [];
  for (const path of PATHS) {
    const stepLabels = [
      ...new Set([...path.steps('Public'), ...path.steps('Privé')].map((s) => s.label)),
    ];
    for (const step of stepLabels) {
      const count = live.filter(
        (r) => rawText(r.cells.service) === path.label && rawText(r.cells.step) === step,
      ).length;
      if (count > 0) counts.push({ service: path.label, step, count });
    }
  }
  const activeByService = services.map((service) => {
    const of = live.filter((r) => rawText(r.cells.service) === service);
    return { service, active: of.filter((r) => r.status === 'active').length, total: of.length };
  });
  const waves = [...new Set(live.map((r) => rawText(r.cells.wave) || 'Sans vague'))].sort((a, b) =>
    a.localeCompare(b, 'fr'),
  );
  const activeByWave = waves.map((wave) => ({
    wave,
    rates: services.map((service) => {
      const of = live.filter(
        (r) =>
          (rawText(r.cells.wave) || 'Sans vague') === wave && rawText(r.cells.service) === service,
      );
      return of.length === 0 ? null : of.filter((r) => r.status === 'active').length / of.length;
    }),
  }));
  const late = live
    .filter((r) => r.status === 'late')
    .map((r) => ({
      uai: rawText(r.cells.uai),
      name: rawText(r.cells.name),
      service: rawText(r.cells.service),
      step: rawText(r.cells.step),
      actor: rawText(r.cells.actor),
      lateDays: Number(r.cells.lateDays) || 0,
      nextAction: rawText(r.cells.nextAction),
    }))
    .sort((a, b) => b.lateDays - a.lateDays || a.name.localeCompare(b.name, 'fr'));
  const bars = services.map((service) =>
    CHART_STATUSES.map(
      (status) =>
        live.filter((r) => rawText(r.cells.service) === service && r.status === status).length,
    ),
  );
  return {
    refreshedAt: formatDateTimeFr(refreshedAt),
    services,
    matrix,
    counts,
    activeByService,
    activeByWave,
    late,
    chart: { statuses: CHART_STATUSES, bars },
  };
}

export interface DashboardLayout {
  readonly values: CellValue[][];
  readonly backgrounds: string[][];
  readonly weights: string[][];
  /** Where the chart's data block stands (1-based), header row and first column included. */
  readonly chartData: {
    readonly row: number;
    readonly column: number;
    readonly numRows: number;
    readonly numColumns: number;
  };
  /** Where to anchor the chart. */
  readonly chartAnchor: { readonly row: number; readonly column: number };
}

/** A cell's own background, as Sheets reports it and as clear() leaves it. */
export const WHITE = '#ffffff';
const HEADER = '#dbe8f7';
const percent = (rate: number | null): string =>
  rate === null ? '—' : `${Math.round(rate * 100)} %`;

/** The dashboard as one rectangular block of values, backgrounds and font weights. */
export function dashboardLayout(model: DashboardModel): DashboardLayout {
  const lines: { values: CellValue[]; backgrounds?: string[]; bold?: boolean }[] = [];
  const add = (
    values: CellValue[],
    options: { backgrounds?: string[]; bold?: boolean } = {},
  ): number => {
    lines.push({ values, ...options });
    return lines.length;
  };
  const blank = (): number => add([]);
  const header = (values: CellValue[]): number =>
    add(values, { backgrounds: values.map(() => HEADER), bold: true });

  add(['Tableau de bord du groupement'], { bold: true });
  add([`Actualisé le ${model.refreshedAt}`]);
  blank();

  add(['Répartition par statut (graphique)'], { bold: true });
  const chartHeader = header([
    'Service',
    ...model.chart.statuses.map((s) => TRACKING_STATUS[s].label),
  ]);
  model.services.forEach((service, i) => add([service, ...model.chart.bars[i]]));
  const chartData = {
    row: chartHeader,
    column: 1,
    numRows: model.services.length + 1,
    numColumns: model.chart.statuses.length + 1,
  };
  blank();

  add(['Part des services actifs'], { bold: true });
  header(['Service', 'Actifs', 'Total', 'Part active']);
  for (const s of model.activeByService)
    add([s.service, s.active, s.total, percent(s.total ? s.active / s.total : null)]);
  blank();
  header(['Vague', ...model.services]);
  for (const w of model.activeByWave) add([w.wave, ...w.rates.map(percent)]);
  blank();

  add([`En retard (${model.late.length})`], { bold: true });
  header([
    'UAI',
    'Établissement',
    'Service',
    'Étape',
    'Qui agit',
    'Retard (jours ouvrés)',
    'Prochaine action',
  ]);
  for (const l of model.late) {
    add([l.uai, l.name, l.service, l.step, l.actor, l.lateDays, l.nextAction], {
      backgrounds: [WHITE, WHITE, WHITE, WHITE, WHITE, TRACKING_STATUS.late.color, WHITE],
    });
  }
  if (model.late.length === 0) add(['Aucun retard.']);
  blank();

  add(['Nombre par étape'], { bold: true });
  header(['Service', 'Étape', 'Nombre']);
  for (const c of model.counts) add([c.service, c.step, c.count]);
  blank();

  add([`Adhérents × services (${model.matrix.length})`], { bold: true });
  header(['UAI', 'Établissement', 'Vague', ...model.services]);
  for (const m of model.matrix) {
    add([m.uai, m.name, m.wave, ...m.cells.map((c) => (c ? c.step : ''))], {
      backgrounds: [
        WHITE,
        WHITE,
        WHITE,
        ...m.cells.map((c) => (c ? TRACKING_STATUS[c.status].color : WHITE)),
      ],
    });
  }

  const width = Math.max(...lines.map((l) => l.values.length));
  const pad = <T>(items: T[], fill: T): T[] => [
    ...items,
    ...new Array(width - items.length).fill(fill),
  ];
  return {
    values: lines.map((l) => pad(l.values, '')),
    backgrounds: lines.map((l) => pad(l.backgrounds ?? [], WHITE)),
    weights: lines.map((l) => pad([], l.bold ? 'bold' : 'normal')),
    chartData,
    chartAnchor: { row: 4, column: chartData.numColumns + 2 },
  };
}
