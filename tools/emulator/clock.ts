// The simulated clock shared by every execution of one emulated project.

export class Clock {
  private current: number;

  constructor(start: Date | number) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(date: Date | number): void {
    const next = typeof date === 'number' ? date : date.getTime();
    if (next < this.current) throw new Error('The simulated clock cannot go back in time');
    this.current = next;
  }

  /** A Date class for code under test: `new Date()` and `Date.now()` read this clock. */
  dateClass(): DateConstructor {
    const now = (): number => this.now();
    const RealDate = Date;
    function SimDate(this: unknown, ...args: unknown[]): unknown {
      if (!new.target) return new RealDate(now()).toString();
      if (args.length === 0) return new RealDate(now());
      return new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
    }
    SimDate.prototype = RealDate.prototype;
    SimDate.now = () => now();
    SimDate.parse = RealDate.parse;
    SimDate.UTC = RealDate.UTC;
    return SimDate as unknown as DateConstructor;
  }
}
