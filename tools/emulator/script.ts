// ScriptApp: installable triggers (time-driven: daily at an hour, every N minutes/hours, once
// after a delay; spreadsheet: on edit, on open), with Google's limit of 20 per user and script.
// As in Apps Script, a trigger belongs to the user who created it: only that user lists or deletes
// it, and it runs as that user. A one-off trigger (`after`, `at`) that has fired stays listed,
// disabled, and keeps counting toward the 20 until a script deletes it.

import { Emulated, SERVICE } from './instrument';
import type { Mirror } from './mirror';
import type { Clock } from './clock';
import { wallClock } from './zone';

export const MAX_TRIGGERS = 20;

export interface TriggerModel {
  readonly id: string;
  readonly handler: string;
  readonly eventType: 'CLOCK' | 'ON_EDIT' | 'ON_OPEN';
  /** Next firing time (clock triggers); undefined once a one-off trigger has fired. */
  nextAt?: number;
  /** A one-off clock trigger that has fired: still listed and counted, never fires again. */
  spent?: boolean;
  /** Repeat interval for everyMinutes/everyHours, or 'daily' for everyDays. */
  readonly repeat?:
    { kind: 'interval'; ms: number } | { kind: 'daily'; days: number; hour: number };
  readonly user: string;
}

export class TriggerStore {
  readonly triggers: TriggerModel[] = [];
  private counter = 0;

  constructor(
    readonly clock: Clock,
    readonly timeZone: string,
  ) {}

  add(trigger: Omit<TriggerModel, 'id'>): TriggerModel {
    if (this.triggers.filter((t) => t.user === trigger.user).length >= MAX_TRIGGERS) {
      throw new Error(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    // Google's unique ids are digit strings (its example event: triggerUid "4034613").
    const created = { ...trigger, id: String(4_034_613 + ++this.counter) };
    this.triggers.push(created);
    return created;
  }

  remove(id: string): void {
    const i = this.triggers.findIndex((t) => t.id === id);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  /** The triggers of one user, as getProjectTriggers lists them for that user. */
  of(user: string): TriggerModel[] {
    return this.triggers.filter((t) => t.user === user);
  }

  /** The clock trigger due first at or before `until`, if any. */
  nextDue(until: number): TriggerModel | undefined {
    return this.triggers
      .filter((t) => t.eventType === 'CLOCK' && t.nextAt !== undefined && t.nextAt <= until)
      .sort((a, b) => (a.nextAt as number) - (b.nextAt as number))[0];
  }

  /**
   * Marks `trigger` as fired now: a repeating trigger is scheduled again; a one-off trigger is
   * spent (Apps Script shows it disabled) but stays in the list until a script deletes it.
   */
  fired(trigger: TriggerModel, now: number): void {
    const repeat = trigger.repeat;
    if (!repeat) {
      trigger.nextAt = undefined;
      trigger.spent = true;
    } else if (repeat.kind === 'interval') {
      trigger.nextAt = (trigger.nextAt as number) + repeat.ms;
    } else {
      trigger.nextAt = this.nextDaily(now, repeat.days, repeat.hour);
    }
  }

  /** Next time (after `from`) the wall clock reads `hour`:00 on a day `days` apart. */
  nextDaily(from: number, days: number, hour: number): number {
    const p = wallClock.parts(new Date(from), this.timeZone);
    let at = wallClock.toInstant({ ...p, hour, minute: 0, second: 0 }, this.timeZone).getTime();
    while (at <= from) {
      const q = wallClock.parts(new Date(at + days * 86_400_000), this.timeZone);
      at = wallClock.toInstant({ ...q, hour, minute: 0, second: 0 }, this.timeZone).getTime();
    }
    return at;
  }
}

abstract class ScriptObject extends Emulated {
  readonly [SERVICE] = 'ScriptApp';
}

export class EmulatedScriptApp
  extends ScriptObject
  implements
    Mirror<
      GoogleAppsScript.Script.ScriptApp,
      'newTrigger' | 'getProjectTriggers' | 'deleteTrigger' | 'getScriptId'
    >
{
  readonly className = 'ScriptApp';
  readonly EventType = { CLOCK: 'CLOCK', ON_EDIT: 'ON_EDIT', ON_OPEN: 'ON_OPEN' } as const;
  readonly AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' } as const;

  constructor(
    private readonly store: TriggerStore,
    private readonly user: string,
  ) {
    super();
  }

  newTrigger(functionName: string): EmulatedTriggerBuilder {
    return new EmulatedTriggerBuilder(this.store, functionName, this.user);
  }

  /** Only the calling user's triggers: another editor's triggers are invisible. */
  getProjectTriggers(): EmulatedTrigger[] {
    return this.store.of(this.user).map((t) => new EmulatedTrigger(t));
  }

  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    const id = trigger.getUniqueId();
    const model = this.store.triggers.find((t) => t.id === id);
    // Another user's trigger cannot be reached (it is never listed); be as strict if it is forged.
    if (model && model.user !== this.user) {
      throw new Error('Exception: Invalid argument: trigger');
    }
    this.store.remove(id);
  }

  getScriptId(): string {
    return 'emulated-script';
  }
}

export class EmulatedTriggerBuilder
  extends ScriptObject
  implements Mirror<GoogleAppsScript.Script.TriggerBuilder, 'timeBased' | 'forSpreadsheet'>
{
  readonly className = 'TriggerBuilder';

  constructor(
    private readonly store: TriggerStore,
    private readonly handler: string,
    private readonly user: string,
  ) {
    super();
  }

  timeBased(): EmulatedClockTriggerBuilder {
    return new EmulatedClockTriggerBuilder(this.store, this.handler, this.user);
  }

  forSpreadsheet(): EmulatedSpreadsheetTriggerBuilder {
    return new EmulatedSpreadsheetTriggerBuilder(this.store, this.handler, this.user);
  }
}

export class EmulatedSpreadsheetTriggerBuilder
  extends ScriptObject
  implements
    Mirror<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, 'onEdit' | 'onOpen' | 'create'>
{
  readonly className = 'SpreadsheetTriggerBuilder';
  private eventType: 'ON_EDIT' | 'ON_OPEN' = 'ON_EDIT';

  constructor(
    private readonly store: TriggerStore,
    private readonly handler: string,
    private readonly user: string,
  ) {
    super();
  }

  onEdit(): EmulatedSpreadsheetTriggerBuilder {
    this.eventType = 'ON_EDIT';
    return this;
  }

  onOpen(): EmulatedSpreadsheetTriggerBuilder {
    this.eventType = 'ON_OPEN';
    return this;
  }

  create(): EmulatedTrigger {
    return new EmulatedTrigger(
      this.store.add({ handler: this.handler, eventType: this.eventType, user: this.user }),
    );
  }
}

export class EmulatedClockTriggerBuilder
  extends ScriptObject
  implements
    Mirror<
      GoogleAppsScript.Script.ClockTriggerBuilder,
      | 'everyDays'
      | 'everyHours'
      | 'everyMinutes'
      | 'atHour'
      | 'nearMinute'
      | 'after'
      | 'at'
      | 'inTimezone'
      | 'create'
    >
{
  readonly className = 'ClockTriggerBuilder';
  private days?: number;
  private hour?: number;
  private intervalMs?: number;
  private onceAt?: number;

  constructor(
    private readonly store: TriggerStore,
    private readonly handler: string,
    private readonly user: string,
  ) {
    super();
  }

  everyDays(n: number): EmulatedClockTriggerBuilder {
    this.days = n;
    return this;
  }

  everyHours(n: number): EmulatedClockTriggerBuilder {
    if (![1, 2, 4, 6, 8, 12].includes(n))
      throw new Error('The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
    this.intervalMs = n * 3_600_000;
    return this;
  }

  everyMinutes(n: number): EmulatedClockTriggerBuilder {
    if (![1, 5, 10, 15, 30].includes(n)) {
      throw new Error(
        'Exception: The value you passed to everyMinutes was invalid. It must be 1, 5, 10, 15 or 30.',
      );
    }
    this.intervalMs = n * 60_000;
    return this;
  }

  atHour(hour: number): EmulatedClockTriggerBuilder {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw new Error('Exception: Invalid argument: hour');
    this.hour = hour;
    return this;
  }

  nearMinute(): EmulatedClockTriggerBuilder {
    return this;
  }

  inTimezone(): EmulatedClockTriggerBuilder {
    return this;
  }

  after(durationMilliseconds: number): EmulatedClockTriggerBuilder {
    this.onceAt = this.store.clock.now() + Math.max(0, durationMilliseconds);
    return this;
  }

  at(date: GoogleAppsScript.Base.Date): EmulatedClockTriggerBuilder {
    this.onceAt = (date as unknown as Date).getTime();
    return this;
  }

  create(): EmulatedTrigger {
    const now = this.store.clock.now();
    const base = { handler: this.handler, eventType: 'CLOCK' as const, user: this.user };
    if (this.onceAt !== undefined)
      return new EmulatedTrigger(this.store.add({ ...base, nextAt: this.onceAt }));
    if (this.days !== undefined) {
      const hour = this.hour ?? 0;
      return new EmulatedTrigger(
        this.store.add({
          ...base,
          nextAt: this.store.nextDaily(now, this.days, hour),
          repeat: { kind: 'daily', days: this.days, hour },
        }),
      );
    }
    if (this.intervalMs !== undefined) {
      return new EmulatedTrigger(
        this.store.add({
          ...base,
          nextAt: now + this.intervalMs,
          repeat: { kind: 'interval', ms: this.intervalMs },
        }),
      );
    }
    throw new Error(
      'Exception: The trigger needs a schedule: everyDays, everyHours, everyMinutes, after or at.',
    );
  }
}

export class EmulatedTrigger
  extends ScriptObject
  implements
    Mirror<
      GoogleAppsScript.Script.Trigger,
      'getHandlerFunction' | 'getUniqueId' | 'getEventType' | 'getTriggerSource'
    >
{
  readonly className = 'Trigger';

  constructor(readonly _model: TriggerModel) {
    super();
  }

  getHandlerFunction(): string {
    return this._model.handler;
  }

  getUniqueId(): string {
    return this._model.id;
  }

  getEventType(): string {
    return this._model.eventType;
  }

  getTriggerSource(): string {
    return this._model.eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS';
  }
}
