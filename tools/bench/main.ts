// `npm run bench`: for 100, 1,000 and 5,000 members × 5 services, each operation's Apps Script calls
// (by service and method), CPU time, simulated Apps Script time under the latency model, and heap;
// for every operation, its ratio to a naive baseline measured in the same run: the validation and
// the tracking refresh written cell by cell and run ("réelle"), and for every run the same calls
// made row by row ("modèle", see rowByRow). Prints the tables, writes bench/results.json.

process.env.TZ = 'Europe/Paris';

import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppsScriptWorld, type CallCost, type Execution, type SpreadsheetModel } from '../emulator';
import { exportRows, toCsv } from '../sample/ds-export';
import { sampleMembers, type SampleMember } from '../sample/members';
import { setSettings } from '../sample/workbook';
import { TRACKING_SHEET } from '../../src/core/workbook/tracking';
import { matchHeaders } from '../../src/core/schema';
import { LATENCY_MODEL } from './latency';
import { type Baseline, naiveRefresh, naiveValidation, ratio, rowByRow } from './naive';
import { withSendingShare } from './sending-share';
import { FAKE_DEMARCHE, FAKE_TOKEN, FAKE_URL, FakeDemarchesSimplifiees } from '../fake-ds/server';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const SIZES = (process.env.BENCH_SIZES ?? '100,300,1000,5000').split(',').map(Number);
const NAIVE_MEMBERS = Number(process.env.BENCH_NAIVE ?? 1000);
const SYNC_DOSSIERS = Number(process.env.BENCH_SYNC ?? 1000);
const LIMIT_S = 360;
/** Speed goals (simulated s) of the operations that send no mail, by consortium size. */
const SPEED_GOALS = [
  { members: 300, seconds: 10 },
  { members: 5000, seconds: 60 },
] as const;
/** Sizes whose operations get a cost breakdown printed (all are in results.json). */
const DETAIL_SIZES = (process.env.BENCH_DETAIL ?? String(Math.max(...SIZES)))
  .split(',')
  .map(Number);
/** Lines of a printed breakdown before the rest is summed up. */
const DETAIL_LINES = 12;

interface Run {
  operation: string;
  members: number;
  sheetCalls: number;
  calls: Record<string, number>;
  cpuMs: number;
  simulatedSeconds: number;
  peakMB: number;
  /** Where the simulated time went, by "sheet › Class.method", most expensive first. */
  costs: Record<string, CallCost>;
  /** The naive baseline of this very run: its row-by-row equivalent (see rowByRow). */
  rowByRow: Baseline;
  /** Mail runs: the share of the sending phase spent inside MailApp.sendEmail. */
  mailShare?: number;
}

function world(
  spreadsheet?: SpreadsheetModel,
  now = new Date('2026-03-16T07:00:00+01:00'),
): AppsScriptWorld {
  const w = new AppsScriptWorld({
    distDir: DIST,
    spreadsheet,
    now,
    mailQuota: 1500,
    latency: LATENCY_MODEL,
  });
  return w;
}

/** Runs one public function in a new execution, without the six-minute stop, and measures it. */
function measure(
  w: AppsScriptWorld,
  operation: string,
  members: number,
  fn: string,
  args: unknown[] = [],
): Run {
  const cpu = process.cpuUsage();
  let execution: Execution;
  try {
    execution = w.run(fn, args, { maxRuntimeMs: Number.POSITIVE_INFINITY }).execution;
  } catch (error) {
    execution = w.executions[w.executions.length - 1];
    if (!/quota|Quota/.test(String((error as Error).message))) throw error;
  }
  const used = process.cpuUsage(cpu);
  const sheetCalls = execution.serviceCalls('SpreadsheetApp');
  const simulatedSeconds = Math.round(execution.elapsedMs() / 100) / 10;
  const costs = Object.fromEntries(
    [...execution.costs]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([key, c]) => [key, { ...c, ms: Math.round(c.ms) }]),
  );
  return {
    operation,
    members,
    sheetCalls,
    calls: Object.fromEntries([...execution.calls].sort((a, b) => b[1] - a[1])),
    cpuMs: Math.round((used.user + used.system) / 1000),
    simulatedSeconds,
    peakMB: Math.round(process.memoryUsage().heapUsed / 1048576),
    costs,
    rowByRow: rowByRow(sheetCalls, simulatedSeconds, costs),
  };
}

function members(count: number): SampleMember[] {
  return sampleMembers(count, 5).map((m) => ({
    ...m,
    dsState: 'Accepté',
    convention: 'En attente',
    quantities: { vote: 1, tpe: 1, pdf: 2, rgs: 1, signature: 1 },
  }));
}

function benchSize(count: number): Run[] {
  const runs: Run[] = [];
  const w = world();
  runs.push(measure(w, 'initialise', count, 'initializeWorkbookFromMenu'));
  setSettings(w.spreadsheet, {
    'coordonnateur.email': 'coordination@groupement.example',
    'transmission.kercia': 'soumissionnement@kercia.example',
    'transmission.foxit': 'education@foxit.example',
    'transmission.yousign': 'marches-publics@yousign.example',
  });
  runs.push(
    measure(w, 'import', count, 'importDsCsv', [toCsv(exportRows(members(count))), 'export.csv']),
  );
  runs.push(measure(w, 'validate', count, 'validateCensus'));
  runs.push(measure(w, 'dashboard refresh', count, 'refreshTrackingFromMenu'));
  // The everyday case: the census has not changed since the last refresh.
  runs.push(measure(w, 'dashboard refresh again', count, 'refreshTrackingFromMenu'));
  // Merge planning: the campaign is planned into the ledger; a quota of 0 keeps anything from leaving.
  w.mail.dailyQuota = 0;
  runs.push(measure(w, 'merge planning', count, 'startInstructions', [{ service: 'pdf' }]));
  w.mail.dailyQuota = 1500;
  // Every convention form sent a month ago: a reminder is due for every member.
  const suivi = w.spreadsheet.requireSheet(TRACKING_SHEET.name);
  const { positions } = matchHeaders(TRACKING_SHEET, suivi.values()[0]);
  for (let row = 2; row <= suivi.lastRow(); row++) {
    if (String(suivi.value(row, positions.get('key') as number)).endsWith('|convention')) {
      suivi.cell(row, positions.get('step') as number, true).value = 'Formulaire envoyé';
      suivi.cell(row, positions.get('stepDate') as number, true).value = new Date(2026, 1, 2);
    }
  }
  for (const t of [...w.triggers.triggers]) w.triggers.remove(t.id);
  w.clock.advance(3_600_000);
  const daily = withSendingShare(() => measure(w, 'daily reminders run', count, 'dailyReminders'));
  runs.push({ ...daily.result, mailShare: daily.share });
  return runs;
}

/** A first sync of `count` dossiers from the fake démarches simplifiées, in one execution. */
function syncBench(count: number): Run & { fetches: number } {
  const w = world();
  w.run('initializeWorkbookFromMenu');
  const fake = new FakeDemarchesSimplifiees({
    members: members(count),
    now: () => w.clock.now(),
  });
  w.network.handler = fake.handle;
  w.run('saveDsConnection', [
    { demarche: String(FAKE_DEMARCHE), url: FAKE_URL, token: FAKE_TOKEN, beforeReminders: false },
  ]);
  const run = measure(w, 'census sync (démarches simplifiées)', count, 'syncDsNow');
  return { ...run, fetches: run.calls['UrlFetchApp.fetch'] ?? 0 };
}

interface NaiveRun {
  members: number;
  sheetCalls: number;
  simulatedSeconds: number;
  optimised: Run;
}

/**
 * An operation written the naive way (a call per cell) against the project's, on the same workbook:
 * `prepare` brings the workbook to the state the operation starts from.
 */
function compareWithNaive(
  count: number,
  prepare: (w: AppsScriptWorld) => void,
  optimisedRun: { operation: string; fn: string },
  naiveRun: (g: ReturnType<AppsScriptWorld['globals']>, w: AppsScriptWorld) => void,
): NaiveRun {
  const w = world();
  w.run('initializeWorkbookFromMenu');
  w.run('importDsCsv', [toCsv(exportRows(members(count))), 'export.csv']);
  prepare(w);
  const optimised = measure(w, optimisedRun.operation, count, optimisedRun.fn);
  const exec = w.execution({ maxRuntimeMs: Number.POSITIVE_INFINITY });
  naiveRun(w.globals(exec), w);
  exec.end();
  return {
    members: count,
    sheetCalls: exec.serviceCalls('SpreadsheetApp'),
    simulatedSeconds: Math.round(exec.elapsedMs() / 100) / 10,
    optimised,
  };
}

const naive = (count: number): NaiveRun =>
  compareWithNaive(
    count,
    () => undefined,
    { operation: 'validate', fn: 'validateCensus' },
    (g) =>
      naiveValidation(g, {
        departements: ['054', '055', '057', '088'],
        domain: 'ac-nancy-metz.fr',
        maxQuantity: 50,
      }),
  );

/** The tracking refresh on an unchanged census, naive against the project's. */
const naiveTracking = (count: number): NaiveRun =>
  compareWithNaive(
    count,
    (w) => w.run('refreshTrackingFromMenu'),
    { operation: 'dashboard refresh again', fn: 'refreshTrackingFromMenu' },
    (g, w) => naiveRefresh(g, new Date(w.clock.now())),
  );

const REAL_LABEL = 'réelle (getValue / setValue par cellule)';
const MODEL_LABEL = 'équivalent ligne à ligne (modèle)';

/** One operation's costs: per sheet, then its most expensive calls by sheet and method. */
function breakdown(run: Run): string {
  const entries = Object.entries(run.costs);
  const seconds = (ms: number): string => (ms / 1000).toFixed(1);
  const line = (label: string, c: CallCost): string =>
    `| ${label} | ${c.calls} | ${c.cells} | ${seconds(c.ms)} |`;
  const sum = (list: [string, CallCost][]): CallCost =>
    list.reduce(
      (t, [, c]) => ({
        calls: t.calls + c.calls,
        cells: t.cells + c.cells,
        rows: t.rows + c.rows,
        ms: t.ms + c.ms,
      }),
      { calls: 0, cells: 0, rows: 0, ms: 0 },
    );
  const sheets = new Map<string, [string, CallCost][]>();
  for (const entry of entries) {
    const sheet = entry[0].split(' › ')[0];
    sheets.set(sheet, [...(sheets.get(sheet) ?? []), entry]);
  }
  const bySheet = [...sheets].map(([sheet, list]) => [sheet, sum(list)] as [string, CallCost]);
  bySheet.sort((a, b) => b[1].ms - a[1].ms);
  const top = entries.slice(0, DETAIL_LINES);
  const rest = entries.slice(DETAIL_LINES);
  return [
    `\n${run.operation}, ${run.members} adhérents : ${run.simulatedSeconds} s simulées`,
    `| feuille (ou service) | appels | cellules | s |`,
    `|---|---:|---:|---:|`,
    ...bySheet.map(([sheet, c]) => line(sheet, c)),
    `| feuille › méthode | appels | cellules | s |`,
    ...top.map(([key, c]) => line(key, c)),
    ...(rest.length ? [line(`${rest.length} autres`, sum(rest))] : []),
  ].join('\n');
}

/** `BENCH_README=1`: README's table and naive-validation figures, from this run. */
interface NaiveFigures {
  members: number;
  sheetCalls: number;
  simulatedSeconds: number;
  ratioCalls: number;
  ratioTime: number;
}

function updateReadme(
  runs: readonly Run[],
  refresh: NaiveFigures,
  naive: {
    members: number;
    sheetCalls: number;
    simulatedSeconds: number;
    ratioCalls: number;
    ratioTime: number;
  },
): void {
  const file = path.join(ROOT, 'README.md');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('| opération | adhérents |'));
  let end = start;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  if (start < 0) throw new Error('README.md : tableau des performances introuvable');
  const total = (r: Run): number => Object.values(r.calls).reduce((a, b) => a + b, 0);
  const table = [
    '| opération | adhérents | appels Sheets | appels en tout | CPU (ms) | Apps Script simulé (s) | tas (Mo) | ligne à ligne, modèle (s) | rapport |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.operation} | ${r.members} | ${r.sheetCalls} | ${total(r)} | ${r.cpuMs} | ${r.simulatedSeconds} | ${r.peakMB} | ${r.rowByRow.simulatedSeconds} | ${r.rowByRow.ratioTime} |`,
    ),
  ];
  lines.splice(start, end - start, ...table);
  const text = lines
    .join('\n')
    .replace(
      /(\d+) adhérents : \d+ appels Sheets et [\d.]+ s simulées, soit\n {2}[\d.]+ fois plus d'appels et [\d.]+ fois/,
      `${naive.members} adhérents : ${naive.sheetCalls} appels Sheets et ${naive.simulatedSeconds} s simulées, soit\n  ${naive.ratioCalls} fois plus d'appels et ${naive.ratioTime} fois`,
    )
    .replace(
      /(\d+) adhérents \(actualisation\) : \d+ appels Sheets et [\d.]+ s simulées, soit\n {2}[\d.]+ fois plus d'appels et [\d.]+ fois/,
      `${refresh.members} adhérents (actualisation) : ${refresh.sheetCalls} appels Sheets et ${refresh.simulatedSeconds} s simulées, soit\n  ${refresh.ratioCalls} fois plus d'appels et ${refresh.ratioTime} fois`,
    );
  fs.writeFileSync(file, text);
}

function main(): number {
  if (!fs.existsSync(path.join(DIST, 'Code.js'))) {
    console.error('dist/Code.js est absent : lancez « npm run build ».');
    return 1;
  }
  const runs = SIZES.flatMap(benchSize);
  const n = naive(NAIVE_MEMBERS);
  const t = naiveTracking(NAIVE_MEMBERS);
  const sync = syncBench(SYNC_DOSSIERS);
  const result = {
    latencyModel: LATENCY_MODEL,
    runs,
    dsSync: sync,
    naive: {
      members: n.members,
      sheetCalls: n.sheetCalls,
      simulatedSeconds: n.simulatedSeconds,
      ratioCalls: ratio(n.sheetCalls, n.optimised.sheetCalls),
      ratioTime: ratio(n.simulatedSeconds, n.optimised.simulatedSeconds),
    },
    naiveRefresh: {
      members: t.members,
      sheetCalls: t.sheetCalls,
      simulatedSeconds: t.simulatedSeconds,
      ratioCalls: ratio(t.sheetCalls, t.optimised.sheetCalls),
      ratioTime: ratio(t.simulatedSeconds, t.optimised.simulatedSeconds),
    },
  };
  fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(result, null, 2)}\n`);

  const pad = (text: string | number, width: number): string => String(text).padStart(width);
  console.log(
    `| opération | adhérents | appels Sheets | appels en tout | CPU (ms) | temps Apps Script simulé (s) | tas (Mo) |`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|`);
  for (const r of runs) {
    const total = Object.values(r.calls).reduce((a, b) => a + b, 0);
    console.log(
      `| ${r.operation} | ${pad(r.members, 5)} | ${pad(r.sheetCalls, 6)} | ${pad(total, 6)} | ${pad(r.cpuMs, 6)} | ${pad(r.simulatedSeconds.toFixed(1), 6)} | ${pad(r.peakMB, 4)} |`,
    );
  }
  console.log(
    `\nValidation naïve (un getValue / setValue par cellule), ${n.members} adhérents : ${n.sheetCalls} appels Sheets, ${n.simulatedSeconds} s simulées ; ` +
      `version du projet : ${n.optimised.sheetCalls} appels, ${n.optimised.simulatedSeconds} s (rapport ${result.naive.ratioCalls} × en appels, ${result.naive.ratioTime} × en temps).`,
  );
  console.log(
    `Actualisation du suivi naïve (un getValue / setValue par cellule), ${t.members} adhérents : ${t.sheetCalls} appels Sheets, ${t.simulatedSeconds} s simulées ; ` +
      `version du projet : ${t.optimised.sheetCalls} appels, ${t.optimised.simulatedSeconds} s (rapport ${result.naiveRefresh.ratioCalls} × en appels, ${result.naiveRefresh.ratioTime} × en temps).`,
  );
  console.log(
    `\nRéférence naïve de chaque opération, mesurée dans ce même passage (rapport : référence ÷ projet) ; « réelle » : la même opération écrite cellule par cellule et exécutée ; « modèle » : les appels de l’opération du projet, chaque lecture ou écriture d’une matrice de cellules (getValues, setValues, setNotes…) refaite ligne par ligne (un getRange et un appel par ligne, mêmes cellules), la mise en forme de colonnes entières et les autres appels inchangés.`,
  );
  console.log(
    `| opération | adhérents | référence naïve | appels Sheets | s simulées | rapport appels | rapport temps |`,
  );
  console.log(`|---|---:|---|---:|---:|---:|---:|`);
  const baselineLine = (operation: string, members: number, kind: string, b: Baseline): string =>
    `| ${operation} | ${pad(members, 5)} | ${kind} | ${pad(b.sheetCalls, 7)} | ${pad(b.simulatedSeconds.toFixed(1), 7)} | ${pad(b.ratioCalls, 7)} | ${pad(b.ratioTime, 5)} |`;
  for (const r of runs) console.log(baselineLine(r.operation, r.members, MODEL_LABEL, r.rowByRow));
  for (const [real, figures] of [
    [n, result.naive],
    [t, result.naiveRefresh],
  ] as const) {
    console.log(baselineLine(real.optimised.operation, real.members, REAL_LABEL, figures));
    console.log(
      baselineLine(real.optimised.operation, real.members, MODEL_LABEL, real.optimised.rowByRow),
    );
  }
  for (const r of runs.filter((run) => run.mailShare !== undefined)) {
    console.log(
      `Part de la phase d’envoi passée dans MailApp (${r.operation}, ${r.members} adhérents) : ${Math.round((r.mailShare as number) * 1000) / 10} %.`,
    );
  }
  for (const r of runs.filter((run) => DETAIL_SIZES.includes(run.members))) {
    console.log(breakdown(r));
  }
  console.log(
    `\nSynchronisation démarches simplifiées, ${sync.members} dossiers (première synchronisation, pages de 100) : ${sync.fetches} appels UrlFetchApp.fetch, ${sync.sheetCalls} appels Sheets, ${sync.simulatedSeconds} s simulées (hypothèse : 1,5 s par page de l’API), CPU ${sync.cpuMs} ms.`,
  );
  const problems: string[] = [];
  if (sync.simulatedSeconds > LIMIT_S)
    problems.push(
      `synchronisation : ${sync.members} dossiers en ${sync.simulatedSeconds} s (> 6 min)`,
    );
  for (const r of runs.filter((run) => run.mailShare !== undefined && run.mailShare < 0.9))
    problems.push(
      `${r.operation}, ${r.members} adhérents : ${Math.round((r.mailShare as number) * 100)} % de la phase d’envoi dans MailApp (< 90 %)`,
    );
  // 10 s for an académie (300 members), 60 s for several pooling their purchases (5,000).
  for (const r of runs.filter((run) => run.mailShare === undefined)) {
    const goal = SPEED_GOALS.find((g) => r.members <= g.members);
    if (goal && r.simulatedSeconds > goal.seconds)
      problems.push(
        `${r.operation}, ${r.members} adhérents : ${r.simulatedSeconds} s (objectif : ${goal.seconds} s jusqu’à ${goal.members} adhérents)`,
      );
  }
  for (const operation of new Set(runs.map((r) => r.operation))) {
    const of = runs.filter((r) => r.operation === operation);
    const over = of.filter((r) => r.simulatedSeconds > LIMIT_S);
    if (over.length)
      problems.push(
        `${operation} : ${over.map((r) => `${r.members} adhérents en ${r.simulatedSeconds} s`).join(', ')} (> 6 min)`,
      );
    // Growing a sheet past its 1,000 rows costs one insertRowsAfter: not a call per member.
    const steady = (r: Run): number => r.sheetCalls - (r.calls['Sheet.insertRowsAfter'] ?? 0);
    if (operation !== 'daily reminders run' && new Set(of.map(steady)).size > 1) {
      problems.push(
        `${operation} : appels Sheets variables (${of.map((r) => `${r.members} → ${r.sheetCalls}`).join(', ')})`,
      );
    }
  }
  console.log(
    problems.length
      ? `\nObjectifs non tenus :\n- ${problems.join('\n- ')}`
      : `\nObjectifs tenus : chaque opération tient en 6 minutes simulées, avec un nombre d’appels Sheets constant (envois de messages à part) ; hors envois, ${SPEED_GOALS.map((g) => `${g.seconds} s jusqu’à ${g.members} adhérents`).join(', ')}.`,
  );
  console.log('Résultats détaillés : bench/results.json');
  if (process.env.BENCH_README) {
    updateReadme(runs, result.naiveRefresh, result.naive);
    console.log('README.md : tableau des performances régénéré.');
  }
  return problems.length ? 1 : 0;
}

process.exit(main());
