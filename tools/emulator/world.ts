// An emulated Apps Script project bound to one spreadsheet: the data that lives between executions
// (spreadsheet, properties, triggers, locks, outbox, simulated clock) and the executions themselves,
// each loading the built bundle into a bare `vm` context that holds only Apps Script's globals.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { Clock } from './clock';
import { checkClientArguments, toClientResult } from './client';
import { Execution, ZERO_LATENCY, type LatencyModel } from './execution';
import { instrument } from './instrument';
import { EmulatedHtmlService } from './html';
import { EmulatedLockService, LockModel } from './lock';
import { EmulatedMailApp, MailModel, type SentMail } from './mail';
import { EmulatedPropertiesService, PropertyStore } from './properties';
import { EmulatedScriptApp, TriggerStore, type TriggerModel } from './script';
import { projectScopes, type GrantedScopes } from './scopes';
import { EmulatedSpreadsheetApp } from './spreadsheet';
import { SpreadsheetModel } from './spreadsheet-model';
import { UiModel } from './ui-model';
import { EmulatedUrlFetchApp, NetworkModel, type HttpHandler } from './url-fetch';
import { EmulatedLogger, EmulatedSession, EmulatedUtilities } from './utilities';

export const SIX_MINUTES = 6 * 60 * 1000;
export const SIMPLE_TRIGGER_LIMIT = 30 * 1000;

export interface WorldOptions {
  /** Folder of the built project: Code.js, appsscript.json and the HTML pages. */
  readonly distDir?: string;
  readonly now?: Date;
  readonly user?: string;
  readonly spreadsheet?: SpreadsheetModel;
  readonly latency?: LatencyModel;
  /** Recipients per day (100 for a consumer account, 1,500 for Workspace). */
  readonly mailQuota?: number;
  /** The script's time zone (appsscript.json `timeZone`, as Session.getScriptTimeZone() reads it). */
  readonly scriptTimeZone?: string;
  /**
   * The "apostrophe kept" mode of Plain-text cells (see SpreadsheetModel.plainText): a string
   * written into an `@` cell is stored exactly as given, leading apostrophe and `=` included.
   */
  readonly plainTextKeepsApostrophe?: boolean;
  /**
   * Scopes granted; by default those of the manifest in distDir, or, when the manifest has no
   * `oauthScopes`, those Google's automatic detection finds in Code.js (see scopes.ts).
   */
  readonly scopes?: readonly string[];
  /** Answers UrlFetchApp's requests (a fake server); without one, every fetch is "Address unavailable". */
  readonly network?: HttpHandler;
}

export interface RunOptions {
  readonly killAtCall?: number;
  readonly simpleTrigger?: boolean;
  /**
   * The user this execution runs as (Session, MailApp's sender and quota, user properties, the
   * triggers ScriptApp lists and creates). Defaults to the world's user.
   */
  readonly user?: string;
  readonly maxRuntimeMs?: number;
  /**
   * Whether a user is at the spreadsheet (menu item, sidebar call, onOpen/onEdit): only then may
   * the script reach SpreadsheetApp.getUi(). Time-driven triggers run with `false`. Default true.
   */
  readonly interactive?: boolean;
}

/** The event object Apps Script passes to the handler of a time-driven trigger. */
export interface TimeDrivenEvent {
  readonly authMode: 'FULL';
  readonly triggerUid: string;
  readonly year: number;
  readonly month: number;
  readonly 'day-of-month': number;
  readonly 'day-of-week': number;
  readonly 'week-of-year': number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly timezone: 'UTC';
}

/**
 * Google's example event of a time-driven trigger gives its fields in UTC (`timezone: "UTC"`),
 * `day-of-week` from 1 (Monday) to 7, and the ISO week number.
 */
export function timeDrivenEvent(triggerUid: string, at: number): TimeDrivenEvent {
  const d = new Date(at);
  const dayOfWeek = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 4 - dayOfWeek);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const weekOfYear = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return {
    authMode: 'FULL',
    triggerUid,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': dayOfWeek,
    'week-of-year': weekOfYear,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  };
}

export interface RunResult<T = unknown> {
  readonly value: T;
  readonly execution: Execution;
}

/** The services an execution sees, as Apps Script's global names. */
export interface GasGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  LockService: GoogleAppsScript.Lock.LockService;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Session: GoogleAppsScript.Base.Session;
  Logger: GoogleAppsScript.Base.Logger;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  Charts: GoogleAppsScript.Charts.Charts;
}

const scriptCache = new Map<string, { mtimeMs: number; script: vm.Script }>();

function loadScript(file: string): vm.Script {
  const stat = fs.statSync(file);
  const cached = scriptCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.script;
  const script = new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file });
  scriptCache.set(file, { mtimeMs: stat.mtimeMs, script });
  return script;
}

export class AppsScriptWorld {
  readonly clock: Clock;
  readonly spreadsheet: SpreadsheetModel;
  readonly ui = new UiModel();
  readonly mail: MailModel;
  /** Script and document stores are shared; `user` is the default user's own store. */
  readonly properties: { script: PropertyStore; user: PropertyStore; document: PropertyStore };
  /** Document and script locks are shared; `user` is the default user's own lock. */
  readonly locks: { document: LockModel; script: LockModel; user: LockModel };
  private readonly userStores = new Map<string, { properties: PropertyStore; lock: LockModel }>();
  readonly triggers: TriggerStore;
  readonly logs: string[] = [];
  /** Where UrlFetchApp's requests go (set `network.handler`), and every request made. */
  readonly network = new NetworkModel();
  readonly executions: Execution[] = [];
  readonly distDir: string;
  readonly user: string;
  scriptTimeZone: string;
  latency: LatencyModel;
  readonly scopes: readonly string[];
  /** Where the scopes come from: given by the test, the manifest's list, or detected. */
  readonly scopeSource: 'given' | GrantedScopes['source'];

  constructor(options: WorldOptions = {}) {
    this.distDir = path.resolve(options.distDir ?? 'dist');
    this.clock = new Clock(options.now ?? new Date('2026-03-02T08:00:00+01:00'));
    this.spreadsheet = options.spreadsheet ?? new SpreadsheetModel();
    if (this.spreadsheet.sheets.length === 0) this.spreadsheet.addSheet('Feuille 1');
    if (options.plainTextKeepsApostrophe) this.spreadsheet.plainText = 'literal';
    this.scriptTimeZone = options.scriptTimeZone ?? 'Europe/Paris';
    this.user = options.user ?? 'coordination@example.fr';
    const own = this.userStore(this.user);
    this.properties = {
      script: new PropertyStore(),
      user: own.properties,
      document: new PropertyStore(),
    };
    this.locks = { document: new LockModel(), script: new LockModel(), user: own.lock };
    this.latency = options.latency ?? ZERO_LATENCY;
    this.mail = new MailModel(this.clock, options.mailQuota ?? 100);
    this.triggers = new TriggerStore(this.clock, 'Europe/Paris');
    const granted: GrantedScopes | undefined = options.scopes
      ? undefined
      : projectScopes(this.distDir);
    this.scopes = options.scopes ?? granted?.scopes ?? [];
    this.scopeSource = granted?.source ?? 'given';
    this.network.handler = options.network;
  }

  /** User properties and the user lock of one user (each user has their own). */
  userStore(user: string): { properties: PropertyStore; lock: LockModel } {
    let store = this.userStores.get(user);
    if (!store) {
      store = { properties: new PropertyStore(), lock: new LockModel() };
      this.userStores.set(user, store);
    }
    return store;
  }

  /** The triggers `user` owns, as that user's getProjectTriggers() lists them. */
  triggersOf(user: string = this.user): TriggerModel[] {
    return this.triggers.of(user);
  }

  get outbox(): SentMail[] {
    return this.mail.outbox;
  }

  /** Starts an execution; its services count calls and advance the simulated clock. */
  execution(options: RunOptions = {}): Execution {
    const exec = new Execution(this.executions.length + 1, this.clock, {
      scopes: this.scopes,
      latency: this.latency,
      maxRuntimeMs:
        options.maxRuntimeMs ?? (options.simpleTrigger ? SIMPLE_TRIGGER_LIMIT : SIX_MINUTES),
      killAtCall: options.killAtCall,
      simpleTrigger: options.simpleTrigger,
      user: options.user ?? this.user,
      interactive: options.interactive ?? true,
    });
    this.executions.push(exec);
    return exec;
  }

  /** The Apps Script globals seen by one execution. */
  globals(exec: Execution): GasGlobals {
    const user = exec.options.user;
    const own = this.userStore(user);
    let context: Record<string, unknown> = {};
    const services = {
      SpreadsheetApp: new EmulatedSpreadsheetApp(this.spreadsheet, this.ui, exec),
      MailApp: new EmulatedMailApp(this.mail, exec.id, user),
      PropertiesService: new EmulatedPropertiesService({
        script: this.properties.script,
        user: own.properties,
        document: this.properties.document,
      }),
      ScriptApp: new EmulatedScriptApp(this.triggers, user),
      LockService: new EmulatedLockService(
        { document: this.locks.document, script: this.locks.script, user: own.lock },
        exec,
      ),
      HtmlService: new EmulatedHtmlService(this.distDir, () => context),
      Utilities: new EmulatedUtilities(this.clock),
      Session: new EmulatedSession(user, this.scriptTimeZone, !!exec.options.simpleTrigger),
      Logger: new EmulatedLogger(this.logs),
      UrlFetchApp: new EmulatedUrlFetchApp(this.network),
    };
    const wrapped: Record<string, unknown> = Object.fromEntries(
      Object.entries(services).map(([name, service]) => [name, instrument(service, exec)]),
    );
    // Charts is only used for its enums here; its builders are not emulated.
    wrapped.Charts = { ChartType: { BAR: 'BAR', COLUMN: 'COLUMN', PIE: 'PIE', LINE: 'LINE' } };
    context = wrapped;
    return wrapped as unknown as GasGlobals;
  }

  /** A bare context holding only the Apps Script globals, with the bundle loaded into it. */
  load(exec: Execution): vm.Context {
    const globals = this.globals(exec) as unknown as Record<string, unknown>;
    const logs = this.logs;
    const context = vm.createContext({
      ...globals,
      Date: this.clock.dateClass(),
      console: {
        log: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
        info: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
        warn: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
        error: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
      },
    });
    loadScript(path.join(this.distDir, 'Code.js')).runInContext(context);
    return context;
  }

  /** Runs a public function of the bundle in a new execution, as a menu or a trigger would. */
  run<T = unknown>(
    functionName: string,
    args: unknown[] = [],
    options: RunOptions = {},
  ): RunResult<T> {
    const exec = this.execution(options);
    try {
      const context = this.load(exec);
      const fn = context[functionName] as unknown;
      if (typeof fn !== 'function') {
        throw new Error(`Script function not found: ${functionName}`);
      }
      const value = (fn as (...a: unknown[]) => T)(...args);
      return { value, execution: exec };
    } finally {
      exec.end();
    }
  }

  /**
   * A page's `google.script.run.functionName(...args)`: the arguments are checked as Apps Script
   * checks them (see client.ts), the function runs in a new execution of the user at the page, and
   * the return value is what the success handler receives. Whatever this throws (ScriptRunError
   * for an illegal value, or the server function's own error) is what the failure handler gets.
   */
  callFromClient(
    functionName: string,
    args: readonly unknown[] = [],
    options: RunOptions = {},
  ): unknown {
    const checked = checkClientArguments(args);
    // Functions whose names end with an underscore are private: the page cannot reach them.
    if (functionName.endsWith('_')) throw new Error(`Script function not found: ${functionName}`);
    const { value } = this.run(functionName, checked, { ...options, interactive: true });
    return toClientResult(value);
  }

  /** The coordinator opens the spreadsheet: the simple trigger onOpen runs without authorisation. */
  open(): RunResult {
    return this.run('onOpen', [{ authMode: 'LIMITED', source: null }], { simpleTrigger: true });
  }

  /**
   * The coordinator types `value` into a cell: the value is stored as Sheets would store it, then
   * the simple trigger onEdit (if the bundle has one) runs without authorisation.
   */
  edit(sheetName: string, a1: string, value: unknown): RunResult | undefined {
    const setter = this.execution();
    const sheet = this.globals(setter).SpreadsheetApp.getActive().getSheetByName(sheetName);
    if (!sheet) throw new Error(`No sheet named ${sheetName}`);
    const oldValue = sheet.getRange(a1).getValue();
    sheet.getRange(a1).setValue(value);
    setter.end();
    const exec = this.execution({ simpleTrigger: true });
    try {
      const context = this.load(exec);
      if (typeof context.onEdit !== 'function') return undefined;
      const range = (context.SpreadsheetApp as GasGlobals['SpreadsheetApp'])
        .getActive()
        .getSheetByName(sheetName)
        ?.getRange(a1);
      const event = { range, value, oldValue, source: context.SpreadsheetApp, authMode: 'LIMITED' };
      exec.resetCounts(); // building the event object is Google's work, not the script's
      return { value: (context.onEdit as (e: unknown) => unknown)(event), execution: exec };
    } finally {
      exec.end();
    }
  }

  /** Runs the function behind a menu item, found by its caption. */
  clickMenu(caption: string, options: RunOptions = {}): RunResult {
    for (const items of this.ui.menus.values()) {
      const item = items.find((i) => i.caption === caption);
      if (item) return this.run(item.functionName, [], options);
    }
    throw new Error(`No menu item "${caption}"`);
  }

  /**
   * Advances the clock to `until`, firing each due time-driven trigger in order, each in its own
   * execution: non-interactive, as the trigger's owner, with Apps Script's time-driven event
   * (`triggerUid` and the time fields). A one-off trigger stays listed, spent, until a script
   * deletes it. Returns what ran, and the error of each run that failed (as Apps Script reports it).
   */
  advanceTo(until: Date): { trigger: TriggerModel; event: TimeDrivenEvent; error?: unknown }[] {
    const fired: { trigger: TriggerModel; event: TimeDrivenEvent; error?: unknown }[] = [];
    for (;;) {
      const due = this.triggers.nextDue(until.getTime());
      if (!due) break;
      if ((due.nextAt as number) > this.clock.now()) this.clock.set(due.nextAt as number);
      this.triggers.fired(due, this.clock.now());
      const event = timeDrivenEvent(due.id, this.clock.now());
      try {
        this.run(due.handler, [event], { user: due.user, interactive: false });
        fired.push({ trigger: due, event });
      } catch (error) {
        fired.push({ trigger: due, event, error });
      }
    }
    if (until.getTime() > this.clock.now()) this.clock.set(until);
    return fired;
  }
}
