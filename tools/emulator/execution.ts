// One Apps Script execution in the emulator: it counts every service call, advances the simulated
// clock by the latency model, enforces the manifest's scopes and the run-time limit, and can be
// killed at a chosen call to reproduce an execution that dies midway.

import type { Clock } from './clock';

/** Thrown when a test kills the execution, or when it exceeds its maximum run time. */
export class ExecutionKilled extends Error {
  constructor(
    message: string,
    readonly atCall: number,
  ) {
    super(message);
    this.name = 'ExecutionKilled';
  }
}

/** Simulated cost of Apps Script calls, in milliseconds. */
export interface LatencyModel {
  /** Fixed cost of any call, by service ("SpreadsheetApp", "MailApp"…), else `default`. */
  readonly perCall: Readonly<Record<string, number>> & { readonly default: number };
  /** Extra cost per cell read or written by a range call (data transfer). */
  readonly perCell: number;
}

export const ZERO_LATENCY: LatencyModel = { perCall: { default: 0 }, perCell: 0 };

export interface ExecutionOptions {
  /** Scopes the manifest declares; a call needing another one throws Google's message. */
  readonly scopes: readonly string[];
  readonly latency: LatencyModel;
  /** Maximum run time in ms (6 minutes; 30 s for simple triggers). */
  readonly maxRuntimeMs: number;
  /** The call with this 1-based index throws ExecutionKilled before it happens. */
  readonly killAtCall?: number;
  /** Simple triggers (onOpen, onEdit) run without the user's authorisation. */
  readonly simpleTrigger?: boolean;
  readonly user: string;
  /**
   * A user is at the spreadsheet (menu, sidebar, onOpen/onEdit). False for time-driven triggers:
   * SpreadsheetApp.getUi() then throws. Undefined counts as interactive.
   */
  readonly interactive?: boolean;
}

/** Scopes needed by each service or method; the first listed that the manifest has is enough. */
const SCOPE_RULES: ReadonlyArray<{ match: RegExp; scopes: readonly string[] }> = [
  {
    match: /^SpreadsheetApp:Ui\./,
    scopes: ['https://www.googleapis.com/auth/script.container.ui'],
  },
  {
    match: /^SpreadsheetApp:SpreadsheetApp\.getUi$/,
    scopes: ['https://www.googleapis.com/auth/script.container.ui'],
  },
  {
    match: /^SpreadsheetApp:/,
    scopes: [
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/spreadsheets',
    ],
  },
  { match: /^MailApp:/, scopes: ['https://www.googleapis.com/auth/script.send_mail'] },
  {
    match:
      /^ScriptApp:.*(Trigger|timeBased|everyDays|atHour|after|create|nearMinute|inTimezone|forSpreadsheet|onEdit|onOpen|everyMinutes|everyHours)/,
    scopes: ['https://www.googleapis.com/auth/script.scriptapp'],
  },
  {
    match: /^UrlFetchApp:UrlFetchApp\./,
    scopes: ['https://www.googleapis.com/auth/script.external_request'],
  },
  {
    match: /^Session:Session\.(getActiveUser|getEffectiveUser)$/,
    scopes: ['https://www.googleapis.com/auth/userinfo.email'],
  },
];

/** What simple triggers may do without authorisation (Google: no mail, no triggers, no dialogs). */
const SIMPLE_TRIGGER_FORBIDDEN =
  /^(MailApp:|UrlFetchApp:|ScriptApp:.*Trigger|SpreadsheetApp:Ui\.(showSidebar|showModalDialog|showModelessDialog))/;

/** What one kind of call (by sheet and method) cost an execution. */
export interface CallCost {
  calls: number;
  /** Cells read or written. */
  cells: number;
  /** Rows spanned by the range calls that read or wrote cells (a row-by-row script: a call each). */
  rows: number;
  /** Simulated milliseconds, calls and cells together. */
  ms: number;
}

export class Execution {
  readonly calls = new Map<string, number>();
  /**
   * Cost by "scope › Class.method" (scope: the sheet a range or sheet call works on, else the
   * service), so a benchmark can tell where the simulated time goes.
   */
  readonly costs = new Map<string, CallCost>();
  private lastCost: CallCost | undefined;
  readonly byService = new Map<string, number>();
  total = 0;
  cells = 0;
  readonly startedAt: number;
  ended = false;
  /** Locks this execution holds, released when it ends (as Apps Script does). */
  readonly heldLocks = new Set<{ release(): void }>();

  constructor(
    readonly id: number,
    readonly clock: Clock,
    readonly options: ExecutionOptions,
  ) {
    this.startedAt = clock.now();
  }

  /** Counts one call; throws what Apps Script would throw before the call happens. */
  record(service: string, member: string, scope?: string): void {
    if (this.ended)
      throw new Error(`Execution ${this.id} has ended: ${member} called after the end`);
    const index = this.total + 1;
    if (this.options.killAtCall !== undefined && index >= this.options.killAtCall) {
      throw new ExecutionKilled(`Execution killed at call ${index} (${member})`, index);
    }
    if (this.elapsedMs() > this.options.maxRuntimeMs) {
      throw new ExecutionKilled('Exceeded maximum execution time', index);
    }
    this.checkScope(service, member);
    this.total = index;
    this.calls.set(member, (this.calls.get(member) ?? 0) + 1);
    this.byService.set(service, (this.byService.get(service) ?? 0) + 1);
    const latency = this.options.latency;
    const ms = latency.perCall[service] ?? latency.perCall.default;
    const key = `${scope ?? service} › ${member}`;
    const cost = this.costs.get(key) ?? { calls: 0, cells: 0, rows: 0, ms: 0 };
    cost.calls += 1;
    cost.ms += ms;
    this.costs.set(key, cost);
    this.lastCost = cost;
    this.clock.advance(ms);
  }

  /** Charges the data transfer of a range call of `rowCount` rows. */
  transfer(cellCount: number, rowCount = 0): void {
    this.cells += cellCount;
    const ms = cellCount * this.options.latency.perCell;
    if (this.lastCost) {
      this.lastCost.cells += cellCount;
      this.lastCost.rows += rowCount;
      this.lastCost.ms += ms;
    }
    this.clock.advance(ms);
  }

  /** Forgets the calls made so far (the emulator's own set-up of an event, not the script's). */
  resetCounts(): void {
    this.calls.clear();
    this.byService.clear();
    this.costs.clear();
    this.lastCost = undefined;
    this.total = 0;
    this.cells = 0;
  }

  elapsedMs(): number {
    return this.clock.now() - this.startedAt;
  }

  serviceCalls(service: string): number {
    return this.byService.get(service) ?? 0;
  }

  end(): void {
    for (const lock of [...this.heldLocks]) lock.release();
    this.ended = true;
  }

  private checkScope(service: string, member: string): void {
    const key = `${service}:${member}`;
    if (this.options.simpleTrigger && SIMPLE_TRIGGER_FORBIDDEN.test(key)) {
      throw new Error(
        `You do not have permission to call ${member}. A simple trigger cannot do this: use an installable trigger or a menu item.`,
      );
    }
    const rule = SCOPE_RULES.find((r) => r.match.test(key));
    if (!rule) return;
    if (rule.scopes.some((s) => this.options.scopes.includes(s))) return;
    throw new Error(
      `Exception: You do not have permission to call ${member}. Required permissions: ${rule.scopes[0]}`,
    );
  }
}
