import { isDue, ruleFrom, type CalendarPolicy } from '../../src/core/reminders';
import { DEFAULT_RULES } from '../../src/core/workbook/reminder-rules';

const rule = ruleFrom(DEFAULT_RULES[0]); // convention: 10 working days, every 5, at most 3
const d = (m: number, day: number) => new Date(2026, m - 1, day);
const none: CalendarPolicy = { schoolHolidays: [], pauseOnSchoolHolidays: true };
const fresh = { rule: '', count: 0, last: undefined };

describe('reminder policy', () => {
  it('seeds the guide\u2019s rules', () => {
    expect(DEFAULT_RULES.map((r) => r.id)).toEqual([
      'convention',
      'tpe-ddfip',
      'tpe-contrat',
      'certigna-bc',
      'certigna-72h',
      'foxit',
      'yousign',
      'recensement',
      'demandes',
      'recensement-construction',
    ]);
    expect(ruleFrom(DEFAULT_RULES[4])).toMatchObject({
      audience: 'coordonnateur',
      step: 'Bon de commande envoyé',
      delay: 0,
    });
    expect(ruleFrom(DEFAULT_RULES[8])).toMatchObject({ service: 'Demandes', delay: 7 });
  });

  it('waits for the delay in working days', () => {
    expect(isDue(rule, d(3, 2), fresh, '0540015Y', d(3, 13), none)).toBe(false);
    expect(isDue(rule, d(3, 2), fresh, '0540015Y', d(3, 16), none)).toBe(true);
  });

  it('never twice the same day, respects the interval and the maximum', () => {
    const sentToday = { rule: 'convention', count: 1, last: d(3, 16) };
    expect(isDue(rule, d(3, 2), sentToday, '0540015Y', d(3, 16), none)).toBe(false);
    expect(isDue(rule, d(3, 2), sentToday, '0540015Y', d(3, 20), none)).toBe(false);
    expect(isDue(rule, d(3, 2), sentToday, '0540015Y', d(3, 23), none)).toBe(true);
    expect(
      isDue(
        rule,
        d(3, 2),
        { rule: 'convention', count: 3, last: d(3, 30) },
        '0540015Y',
        d(5, 4),
        none,
      ),
    ).toBe(false);
    expect(
      isDue(rule, d(3, 2), { rule: 'foxit', count: 3, last: d(3, 20) }, '0540015Y', d(3, 23), none),
    ).toBe(true);
  });

  it('skips weekends, holidays, Good Friday in Moselle, and paused school holidays', () => {
    expect(isDue(rule, d(3, 2), fresh, '0540015Y', d(3, 21), none)).toBe(false);
    expect(isDue(rule, d(3, 2), fresh, '0540015Y', d(4, 6), none)).toBe(false);
    expect(isDue(rule, d(3, 2), fresh, '0540015Y', d(4, 3), none)).toBe(true);
    expect(isDue(rule, d(3, 2), fresh, '0570001S', d(4, 3), none)).toBe(false);
    const spring = {
      schoolHolidays: [{ start: d(4, 11), end: d(4, 26), label: 'Printemps' }],
      pauseOnSchoolHolidays: true,
    };
    expect(isDue(rule, d(3, 2), fresh, '0540015Y', d(4, 14), spring)).toBe(false);
    expect(
      isDue(rule, d(3, 2), fresh, '0540015Y', d(4, 14), {
        ...spring,
        pauseOnSchoolHolidays: false,
      }),
    ).toBe(true);
  });
});
