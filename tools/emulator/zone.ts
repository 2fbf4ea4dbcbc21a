// Wall-clock times in a named time zone (Europe/Paris): what a spreadsheet shows for an instant,
// and the instant a wall-clock time stands for. Uses the platform's Intl time zone data.

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export const wallClock = {
  parts(date: Date, timeZone: string): WallTime & { weekday: number } {
    const out: Record<string, string> = {};
    for (const part of formatter(timeZone).formatToParts(date)) out[part.type] = part.value;
    const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    return {
      year: +out.year,
      month: +out.month,
      day: +out.day,
      hour: +out.hour,
      minute: +out.minute,
      second: +out.second,
      weekday: weekdays.indexOf(out.weekday),
    };
  },

  /** The instant at which the wall clock of `timeZone` reads `time`. */
  toInstant(time: WallTime, timeZone: string): Date {
    const asUtc = Date.UTC(
      time.year,
      time.month - 1,
      time.day,
      time.hour,
      time.minute,
      time.second,
    );
    let guess = asUtc;
    for (let i = 0; i < 3; i++) {
      const p = wallClock.parts(new Date(guess), timeZone);
      const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
      const diff = asUtc - shown;
      if (diff === 0) break;
      guess += diff;
    }
    return new Date(guess);
  },
};
