import {
  addWorkingDays,
  dayOff,
  easterSunday,
  isWorkingDay,
  publicHolidays,
  workingDaysBetween,
} from '../../src/core/calendar';

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);

describe('French school calendar', () => {
  it('computes Easter', () => {
    expect(easterSunday(2026)).toEqual(d(2026, 4, 5));
    expect(easterSunday(2027)).toEqual(d(2027, 3, 28));
    expect(easterSunday(2025)).toEqual(d(2025, 4, 20));
  });

  it('lists the public holidays, with Good Friday and 26 December in Moselle only', () => {
    const national = publicHolidays(2026);
    expect(national.size).toBe(11);
    expect(national.get('2026-05-14')).toBe('Ascension');
    expect(national.get('2026-05-25')).toBe('Lundi de Pentecôte');
    expect(national.get('2026-04-03')).toBeUndefined();
    const moselle = publicHolidays(2026, true);
    expect(moselle.get('2026-04-03')).toBe('Vendredi saint');
    expect(moselle.get('2026-12-26')).toBe('Saint-Étienne');
  });

  it('tells working days apart', () => {
    expect(isWorkingDay(d(2026, 3, 2))).toBe(true);
    expect(dayOff(d(2026, 3, 7))).toBe('week-end');
    expect(dayOff(d(2026, 4, 6))).toBe('Lundi de Pâques');
    expect(isWorkingDay(d(2026, 4, 3))).toBe(true);
    expect(isWorkingDay(d(2026, 4, 3), { moselle: true })).toBe(false);
    const holidays = [
      { start: d(2026, 4, 11), end: d(2026, 4, 27), label: 'Vacances de printemps' },
    ];
    expect(dayOff(d(2026, 4, 14), { schoolHolidays: holidays })).toBe('Vacances de printemps');
    expect(isWorkingDay(d(2026, 4, 28), { schoolHolidays: holidays })).toBe(true);
  });

  it('counts and adds working days', () => {
    // Friday 3 April 2026 + 2 working days: Tuesday 7 (Easter Monday is off).
    expect(addWorkingDays(d(2026, 4, 2), 2)).toEqual(d(2026, 4, 7));
    expect(addWorkingDays(d(2026, 4, 2), 2, { moselle: true })).toEqual(d(2026, 4, 8));
    expect(workingDaysBetween(d(2026, 3, 2), d(2026, 3, 9))).toBe(5);
    expect(workingDaysBetween(d(2026, 3, 9), d(2026, 3, 2))).toBe(0);
  });
});
