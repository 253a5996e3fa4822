import { errorCode } from '../test/error-code';
import {
  addDays,
  ageOn,
  assertIsoDate,
  compareIsoDates,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isIsoDate,
  isLeapYear,
  isoDateOf,
  parseIsoDate,
  toEpochDay,
  toIsoDate,
} from './iso-date';

describe('iso-date', () => {
  describe('leap years and month lengths', () => {
    it('follows the Gregorian rule', () => {
      expect(isLeapYear(2024)).toBe(true);
      expect(isLeapYear(2026)).toBe(false);
      expect(isLeapYear(1900)).toBe(false);
      expect(isLeapYear(2000)).toBe(true);
      expect(daysInMonth(2024, 2)).toBe(29);
      expect(daysInMonth(2026, 2)).toBe(28);
      expect(daysInMonth(2026, 4)).toBe(30);
      expect(daysInMonth(2026, 12)).toBe(31);
    });
  });

  describe('parseIsoDate', () => {
    it('parses a real day', () => {
      expect(parseIsoDate('1990-01-01')).toEqual({ year: 1990, month: 1, day: 1 });
      expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    });

    it('rejects days that do not exist instead of rolling them over', () => {
      expect(errorCode(() => parseIsoDate('2026-02-30'))).toBe('DATE_INVALID');
      expect(errorCode(() => parseIsoDate('2026-02-29'))).toBe('DATE_INVALID');
      expect(errorCode(() => parseIsoDate('1900-02-29'))).toBe('DATE_INVALID');
      expect(errorCode(() => parseIsoDate('2026-04-31'))).toBe('DATE_INVALID');
      expect(errorCode(() => parseIsoDate('2026-13-01'))).toBe('DATE_INVALID');
      expect(errorCode(() => parseIsoDate('2026-00-10'))).toBe('DATE_INVALID');
      expect(errorCode(() => parseIsoDate('2026-01-00'))).toBe('DATE_INVALID');
      expect(errorCode(() => parseIsoDate('0000-01-01'))).toBe('DATE_INVALID');
    });

    it('rejects anything but YYYY-MM-DD', () => {
      for (const bad of ['2026-1-5', '26-01-05', '2026/01/05', '2026-01-05T00:00:00Z', ' 2026-01-05', '20260105', '']) {
        expect(errorCode(() => parseIsoDate(bad))).toBe('DATE_FORMAT');
      }
      expect(errorCode(() => parseIsoDate(20260105))).toBe('DATE_FORMAT');
      expect(errorCode(() => parseIsoDate(undefined))).toBe('DATE_FORMAT');
    });

    it('names the field', () => {
      expect(() => parseIsoDate('x', 'incidentDate')).toThrow(expect.objectContaining({ field: 'incidentDate' }));
    });

    it('has boolean and asserting forms', () => {
      expect(isIsoDate('2024-02-29')).toBe(true);
      expect(isIsoDate('2026-02-29')).toBe(false);
      expect(assertIsoDate('2026-01-05')).toBe('2026-01-05');
      expect(errorCode(() => assertIsoDate('2026-02-30'))).toBe('DATE_INVALID');
    });
  });

  describe('building and converting', () => {
    it('pads to YYYY-MM-DD', () => {
      expect(isoDateOf(2026, 1, 5)).toBe('2026-01-05');
      expect(errorCode(() => isoDateOf(2026, 2, 30))).toBe('DATE_INVALID');
    });

    it('takes the UTC day of an instant, whatever the local zone', () => {
      // 23:30 in Kupang (UTC+8) on 31 January is still 31 January 15:30 UTC
      expect(toIsoDate(new Date('2026-01-31T23:30:00+08:00'))).toBe('2026-01-31');
      // 05:00 in Kupang on 1 February is 31 January in UTC: the convention is UTC
      expect(toIsoDate(new Date('2026-02-01T05:00:00+08:00'))).toBe('2026-01-31');
      expect(errorCode(() => toIsoDate(new Date('nope')))).toBe('DATE_INVALID');
    });

    it('converts to and from day numbers', () => {
      expect(toEpochDay('1970-01-01')).toBe(0);
      expect(toEpochDay('1970-01-02')).toBe(1);
      expect(toEpochDay('1969-12-31')).toBe(-1);
      expect(fromEpochDay(toEpochDay('2024-02-29'))).toBe('2024-02-29');
      expect(toEpochDay({ year: 2000, month: 3, day: 1 })).toBe(11_017);
    });

    it('handles years below 100 without the Date.UTC 19xx quirk', () => {
      expect(fromEpochDay(toEpochDay('0050-06-15'))).toBe('0050-06-15');
    });
  });

  describe('arithmetic', () => {
    it('adds days across months, years and leap days', () => {
      expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
      expect(addDays('2026-01-15', 0)).toBe('2026-01-15');
      expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    });

    it('refuses fractional days and days beyond year 9999', () => {
      expect(errorCode(() => addDays('2026-01-01', 0.5))).toBe('DATE_INVALID');
      expect(errorCode(() => addDays('9999-12-31', 1))).toBe('DATE_INVALID');
    });

    it('counts days between dates', () => {
      expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
      expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
      expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    });

    it('compares dates', () => {
      expect(compareIsoDates('2026-01-01', '2026-01-02')).toBe(-1);
      expect(compareIsoDates('2026-01-02', '2026-01-01')).toBe(1);
      expect(compareIsoDates('2026-01-01', '2026-01-01')).toBe(0);
    });
  });

  describe('ageOn', () => {
    it('counts whole completed years', () => {
      expect(ageOn('1990-01-01', '2026-01-01')).toBe(36);
      expect(ageOn('1990-01-01', '2025-12-31')).toBe(35);
      expect(ageOn('2008-06-15', '2026-06-14')).toBe(17); // the day before the 18th birthday
      expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
      expect(ageOn('1961-03-10', '2026-03-09')).toBe(64); // still below 65
      expect(ageOn('1961-03-10', '2026-03-10')).toBe(65);
      expect(ageOn('2026-01-01', '2026-01-01')).toBe(0);
    });

    it('someone born on 29 February turns a year older on 1 March in common years', () => {
      expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
      expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
      expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
    });

    it('refuses a date before birth and bad dates', () => {
      expect(errorCode(() => ageOn('2000-01-02', '2000-01-01'))).toBe('DATE_BEFORE_BIRTH');
      expect(errorCode(() => ageOn('2000-02-30', '2026-01-01'))).toBe('DATE_INVALID');
    });
  });
});
