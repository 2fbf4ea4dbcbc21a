// Working days of French schools: weekends, public holidays (with Good Friday and 26 December in
// Moselle, UAI 057…), and optionally school holidays from the editable calendar. Dates are local days.

export interface DayRange {
  readonly start: Date;
  readonly end: Date;
  readonly label: string;
}

export interface CalendarOptions {
  /** Moselle adds Good Friday and 26 December. */
  readonly moselle?: boolean;
  /** School holidays to skip as well (reminders may pause during them). */
  readonly schoolHolidays?: readonly DayRange[];
}

export const dayKey = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The day of a date, at local midnight (the script's time zone in Apps Script). */
export const startOfDay = (date: Date): Date =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate());
const addDays = (date: Date, days: number): Date =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(year, month - 1, day);
}

/** Public holidays of a year, by day key, with their French names. */
export function publicHolidays(year: number, moselle = false): Map<string, string> {
  const easter = easterSunday(year);
  const days: [Date, string][] = [
    [new Date(year, 0, 1), 'Jour de l’an'],
    [addDays(easter, 1), 'Lundi de Pâques'],
    [new Date(year, 4, 1), 'Fête du travail'],
    [new Date(year, 4, 8), 'Victoire 1945'],
    [addDays(easter, 39), 'Ascension'],
    [addDays(easter, 50), 'Lundi de Pentecôte'],
    [new Date(year, 6, 14), 'Fête nationale'],
    [new Date(year, 7, 15), 'Assomption'],
    [new Date(year, 10, 1), 'Toussaint'],
    [new Date(year, 10, 11), 'Armistice 1918'],
    [new Date(year, 11, 25), 'Noël'],
  ];
  if (moselle) {
    days.push([addDays(easter, -2), 'Vendredi saint'], [new Date(year, 11, 26), 'Saint-Étienne']);
  }
  return new Map(days.map(([d, label]) => [dayKey(d), label]));
}

const holidayCache = new Map<string, Map<string, string>>();

function holidaysOf(year: number, moselle: boolean): Map<string, string> {
  const key = `${year}:${moselle}`;
  let found = holidayCache.get(key);
  if (!found) {
    found = publicHolidays(year, moselle);
    holidayCache.set(key, found);
  }
  return found;
}

/** Why a day is not worked ('' when it is a working day). */
export function dayOff(date: Date, options: CalendarOptions = {}): string {
  const weekday = date.getDay();
  if (weekday === 0 || weekday === 6) return 'week-end';
  const holiday = holidaysOf(date.getFullYear(), !!options.moselle).get(dayKey(date));
  if (holiday) return holiday;
  const day = startOfDay(date).getTime();
  const school = options.schoolHolidays?.find(
    (r) => startOfDay(r.start).getTime() <= day && day <= startOfDay(r.end).getTime(),
  );
  return school ? school.label : '';
}

export function isWorkingDay(date: Date, options: CalendarOptions = {}): boolean {
  return dayOff(date, options) === '';
}

/** The date `count` working days after `from` (from itself is not counted). */
export function addWorkingDays(from: Date, count: number, options: CalendarOptions = {}): Date {
  let date = startOfDay(from);
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, options)) left--;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: Date, to: Date, options: CalendarOptions = {}): number {
  let count = 0;
  const end = startOfDay(to).getTime();
  for (let date = addDays(startOfDay(from), 1); date.getTime() <= end; date = addDays(date, 1)) {
    if (isWorkingDay(date, options)) count++;
  }
  return count;
}

/** Moselle schools (UAI beginning with 057) keep the local holidays of Alsace-Moselle. */
export const isMoselle = (uai: string): boolean => uai.startsWith('057');
