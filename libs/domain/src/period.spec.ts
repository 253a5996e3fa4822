import { errorCode } from '../test/error-code';
import { AdjustableClock } from './clock';
import { Period } from './period';

const p = (value: string) => Period.parse(value);

describe('Period', () => {
  describe('parse and of', () => {
    it('parses YYYY-MM', () => {
      const period = p('2026-04');
      expect(period.year).toBe(2026);
      expect(period.month).toBe(4);
      expect(period.toString()).toBe('2026-04');
      expect(Period.of(2026, 4).equals(period)).toBe(true);
    });

    it('is strict about the format', () => {
      for (const bad of ['2026-4', '2026-004', '26-04', '2026/04', '2026-04-01', '202604', ' 2026-04', '']) {
        expect(errorCode(() => p(bad))).toBe('PERIOD_FORMAT');
      }
      expect(errorCode(() => Period.parse(202604))).toBe('PERIOD_FORMAT');
      expect(Period.isValid('2026-12')).toBe(true);
      expect(Period.isValid('2026-13')).toBe(false);
    });

    it('refuses months outside 1-12 and unlikely years', () => {
      expect(errorCode(() => p('2026-13'))).toBe('PERIOD_INVALID');
      expect(errorCode(() => p('2026-00'))).toBe('PERIOD_INVALID');
      expect(errorCode(() => Period.of(2026, 1.5))).toBe('PERIOD_INVALID');
      expect(errorCode(() => Period.of(1899, 12))).toBe('PERIOD_INVALID');
    });

    it('names the field', () => {
      expect(() => Period.parse('x', 'fromPeriod')).toThrow(expect.objectContaining({ field: 'fromPeriod' }));
    });
  });

  describe('fromDate (UTC)', () => {
    it('takes the month of a date or an instant', () => {
      expect(Period.fromDate('2026-02-28').toString()).toBe('2026-02');
      expect(Period.fromDate(new Date('2026-12-31T23:59:59.999Z')).toString()).toBe('2026-12');
      expect(Period.fromDate('2027-01-01T00:00:00Z').toString()).toBe('2027-01');
    });

    it('uses UTC for timestamps with an offset', () => {
      // 05:00 on 1 February in Kupang (UTC+8) is still January in UTC
      expect(Period.fromDate('2026-02-01T05:00:00+08:00').toString()).toBe('2026-01');
    });

    it('refuses bad dates', () => {
      expect(errorCode(() => Period.fromDate('2026-02-30'))).toBe('DATE_INVALID');
      expect(errorCode(() => Period.fromDate('2026-02'))).toBe('DATE_FORMAT');
      expect(errorCode(() => Period.fromDate(new Date('x')))).toBe('DATE_INVALID');
    });

    it('reads the current period from a clock', () => {
      expect(Period.current(new AdjustableClock('2026-11-15T08:00:00Z')).toString()).toBe('2026-11');
    });
  });

  describe('month arithmetic', () => {
    it('moves across year ends', () => {
      expect(p('2026-12').next().toString()).toBe('2027-01');
      expect(p('2027-01').previous().toString()).toBe('2026-12');
      expect(p('2026-11').plusMonths(14).toString()).toBe('2028-01');
      expect(p('2026-01').plusMonths(-13).toString()).toBe('2024-12');
      expect(p('2026-05').minusMonths(5).toString()).toBe('2025-12');
      expect(p('2026-05').plusMonths(0).equals(p('2026-05'))).toBe(true);
    });

    it('counts months between periods', () => {
      expect(p('2026-11').monthsUntil(p('2027-01'))).toBe(2);
      expect(p('2027-01').monthsUntil(p('2026-11'))).toBe(-2);
      expect(p('2026-04').monthsUntil(p('2026-04'))).toBe(0);
      // the PP 50/2025 transport window, January 2026 to March 2027, is 15 periods
      expect(p('2026-01').monthsUntil(p('2027-03')) + 1).toBe(15);
    });

    it('lists consecutive periods for paying ahead', () => {
      expect(Period.sequence(p('2026-11'), 3).map(String)).toEqual(['2026-11', '2026-12', '2027-01']);
      expect(Period.sequence(p('2026-11'), 0)).toEqual([]);
      expect(errorCode(() => Period.sequence(p('2026-11'), -1))).toBe('PERIOD_INVALID');
    });

    it('refuses fractional months', () => {
      expect(errorCode(() => p('2026-01').plusMonths(1.5))).toBe('PERIOD_INVALID');
    });
  });

  describe('comparison', () => {
    it('orders periods', () => {
      expect(p('2026-12').compareTo(p('2027-01'))).toBe(-1);
      expect(p('2027-01').compareTo(p('2026-12'))).toBe(1);
      expect(p('2026-12').compareTo(p('2026-12'))).toBe(0);
      expect(p('2026-12').isBefore(p('2027-01'))).toBe(true);
      expect(p('2027-01').isAfter(p('2026-12'))).toBe(true);
      expect([p('2027-01'), p('2026-04'), p('2026-12')].sort((a, b) => a.compareTo(b)).map(String)).toEqual([
        '2026-04',
        '2026-12',
        '2027-01',
      ]);
    });

    it('checks an inclusive window (the non-transport discount, 2026-04 to 2026-12)', () => {
      const [from, to] = [p('2026-04'), p('2026-12')];
      expect(p('2026-03').isBetween(from, to)).toBe(false);
      expect(p('2026-04').isBetween(from, to)).toBe(true);
      expect(p('2026-11').isBetween(from, to)).toBe(true);
      expect(p('2026-12').isBetween(from, to)).toBe(true);
      expect(p('2027-01').isBetween(from, to)).toBe(false);
    });
  });

  describe('days', () => {
    it('knows its first and last day, leap years included', () => {
      expect(p('2026-02').firstDay()).toBe('2026-02-01');
      expect(p('2026-02').lastDay()).toBe('2026-02-28');
      expect(p('2024-02').lastDay()).toBe('2024-02-29');
      expect(p('2000-02').lastDay()).toBe('2000-02-29');
      expect(p('2026-04').lastDay()).toBe('2026-04-30');
      expect(p('2026-12').lastDay()).toBe('2026-12-31');
    });

    it('contains the dates of its month only', () => {
      expect(p('2026-02').contains('2026-02-01')).toBe(true);
      expect(p('2026-02').contains('2026-02-28')).toBe(true);
      expect(p('2026-02').contains('2026-03-01')).toBe(false);
      expect(p('2026-02').contains('2025-02-15')).toBe(false);
      expect(errorCode(() => p('2026-02').contains('2026-02-30'))).toBe('DATE_INVALID');
    });
  });

  it('serialises as YYYY-MM and is immutable', () => {
    expect(JSON.stringify({ period: p('2026-01') })).toBe('{"period":"2026-01"}');
    expect(Object.isFrozen(p('2026-01'))).toBe(true);
  });
});
