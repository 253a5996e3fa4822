import { inspect } from 'node:util';
import { errorCode } from '../test/error-code';
import { Nik } from './nik';

describe('Nik', () => {
  describe('a woman born 1 January 1990 in Kota Kupang: 5371014101900001', () => {
    const nik = Nik.parse('5371014101900001');

    it('reads the area code: province 53 (NTT), regency 5371 (Kota Kupang), district 537101', () => {
      expect(nik.provinceCode).toBe('53');
      expect(nik.regencyCode).toBe('5371');
      expect(nik.districtCode).toBe('537101');
      expect(nik.regionCode.value).toBe('5371');
      expect(nik.regionCode.provinceCode).toBe('53');
    });

    it('reads the birth date: day 41 = 1 + 40, so female, born 01-01-90', () => {
      expect(nik.gender).toBe('F');
      expect(nik.birthDay).toBe(1);
      expect(nik.birthMonth).toBe(1);
      expect(nik.birthYearTwoDigits).toBe(90);
      expect(nik.serial).toBe('0001');
    });

    it('keeps the clear value only in `value`', () => {
      expect(nik.value).toBe('5371014101900001');
    });
  });

  it('reads a man: day 23 as written (5371012308850001, born 23 August 1985)', () => {
    const nik = Nik.parse('5371012308850001');
    expect(nik.gender).toBe('M');
    expect([nik.birthDay, nik.birthMonth, nik.birthYearTwoDigits]).toEqual([23, 8, 85]);
  });

  it('reads the same day for a woman as 63 (23 + 40), the example in docs/rules.md, Identity', () => {
    const nik = Nik.parse('5371016308850001');
    expect(nik.gender).toBe('F');
    expect(nik.birthDay).toBe(23);
  });

  it('reads the last day of a 31-day month for a woman (day 71)', () => {
    expect(Nik.parse('5371017101900001').birthDay).toBe(31);
    expect(Nik.parse('5371013101900001').gender).toBe('M');
  });

  it('reads a serial of 9999 and a year 00', () => {
    const nik = Nik.parse('5371010101009999');
    expect(nik.serial).toBe('9999');
    expect(nik.birthYearTwoDigits).toBe(0);
  });

  describe('29 February (the century is unknown, so yy must be a leap year in 19yy or 20yy)', () => {
    it('accepts yy = 00 (2000 was leap) and other multiples of 4, for men and women', () => {
      expect(Nik.parse('5371012902000001').birthDay).toBe(29);
      expect(Nik.parse('5371012902040001').birthMonth).toBe(2);
      expect(Nik.parse('5371016902880001').gender).toBe('F');
    });

    it('refuses 29 February of a common year, and 30 February always', () => {
      expect(errorCode(() => Nik.parse('5371012902010001'))).toBe('NIK_DATE');
      expect(errorCode(() => Nik.parse('5371016902900001'))).toBe('NIK_DATE');
      expect(errorCode(() => Nik.parse('5371013002000001'))).toBe('NIK_DATE');
    });
  });

  describe('errors, each with a precise code', () => {
    it('NIK_SERIAL: serial 0000 (5371010101900000)', () => {
      expect(errorCode(() => Nik.parse('5371010101900000'))).toBe('NIK_SERIAL');
    });

    it('NIK_FORMAT: not exactly 16 digits', () => {
      for (const bad of [
        '537101410190001', // 15
        '53710141019000011', // 17
        '5371O14101900001', // letter O
        '5371 0141 0190 0001',
        '53.71.01.410190.0001',
        ' 5371014101900001',
        '',
      ]) {
        expect(errorCode(() => Nik.parse(bad))).toBe('NIK_FORMAT');
      }
      expect(errorCode(() => Nik.parse(5371014101900001))).toBe('NIK_FORMAT');
      expect(errorCode(() => Nik.parse(null))).toBe('NIK_FORMAT');
    });

    it('NIK_AREA: a 00 province, regency or district', () => {
      expect(errorCode(() => Nik.parse('0071014101900001'))).toBe('NIK_AREA');
      expect(errorCode(() => Nik.parse('5300014101900001'))).toBe('NIK_AREA');
      expect(errorCode(() => Nik.parse('5371004101900001'))).toBe('NIK_AREA');
    });

    it('NIK_DATE: days 00, 32-40 and above 71, months 00 and above 12, days beyond the month', () => {
      for (const day of ['00', '32', '39', '40', '72', '99']) {
        expect(errorCode(() => Nik.parse(`537101${day}01900001`))).toBe('NIK_DATE');
      }
      expect(errorCode(() => Nik.parse('5371010100900001'))).toBe('NIK_DATE');
      expect(errorCode(() => Nik.parse('5371010113900001'))).toBe('NIK_DATE');
      expect(errorCode(() => Nik.parse('5371013104900001'))).toBe('NIK_DATE'); // 31 April
      expect(errorCode(() => Nik.parse('5371017104900001'))).toBe('NIK_DATE'); // 31 April, woman
    });

    it('reports the first problem in reading order: format, area, date, serial', () => {
      expect(errorCode(() => Nik.parse('0000000000000000'))).toBe('NIK_AREA');
      expect(errorCode(() => Nik.parse('5371010000000000'))).toBe('NIK_DATE');
    });

    it('names the field, `nik` unless told otherwise', () => {
      expect(() => Nik.parse('1')).toThrow(expect.objectContaining({ field: 'nik' }));
      expect(() => Nik.parse('1', 'heirs[0].nik')).toThrow(expect.objectContaining({ field: 'heirs[0].nik' }));
    });

    it('never puts the rejected value in the message (it may be a real NIK)', () => {
      try {
        Nik.parse('5371010101900000');
      } catch (error) {
        expect((error as Error).message).not.toContain('5371010101900000');
      }
      expect.assertions(1);
    });
  });

  describe('tryParse and isValid', () => {
    it('return a result instead of throwing', () => {
      const good = Nik.tryParse('5371014101900001');
      expect(good.ok && good.nik.gender).toBe('F');
      const bad = Nik.tryParse('5371010101900000');
      expect(!bad.ok && bad.error.code).toBe('NIK_SERIAL');
      expect(Nik.isValid('5371014101900001')).toBe(true);
      expect(Nik.isValid('5371010101900000')).toBe(false);
    });
  });

  describe('matchesBirthDate', () => {
    const nik = Nik.parse('5371014101900001');

    it('matches day, month and two-digit year, whatever the century', () => {
      expect(nik.matchesBirthDate('1990-01-01')).toBe(true);
      expect(nik.matchesBirthDate('2090-01-01')).toBe(true);
      expect(nik.matchesBirthDate('1990-01-02')).toBe(false);
      expect(nik.matchesBirthDate('1990-02-01')).toBe(false);
      expect(nik.matchesBirthDate('1991-01-01')).toBe(false);
    });

    it('checks the gender when one is given', () => {
      expect(nik.matchesBirthDate('1990-01-01', 'F')).toBe(true);
      expect(nik.matchesBirthDate('1990-01-01', 'M')).toBe(false);
      expect(Nik.parse('5371010101900001').matchesBirthDate('1990-01-01', 'M')).toBe(true);
    });

    it('does not confuse the woman offset with the day (41 is the 1st, not the 41st)', () => {
      expect(Nik.parse('5371016308850001').matchesBirthDate('1985-08-23', 'F')).toBe(true);
    });

    it('matches 29 February', () => {
      expect(Nik.parse('5371016902000001').matchesBirthDate('2000-02-29', 'F')).toBe(true);
    });

    it('throws on a malformed birth date: an input error, not a mismatch', () => {
      expect(errorCode(() => nik.matchesBirthDate('1990-02-30'))).toBe('DATE_INVALID');
      expect(errorCode(() => nik.matchesBirthDate('01-01-1990'))).toBe('DATE_FORMAT');
    });
  });

  describe('birthDateOnOrBefore', () => {
    it('picks the latest century that is not in the future', () => {
      expect(Nik.parse('5371014101900001').birthDateOnOrBefore('2026-06-01')).toEqual({ year: 1990, month: 1, day: 1 });
      expect(Nik.parse('5371010101200001').birthDateOnOrBefore('2026-06-01')).toEqual({ year: 2020, month: 1, day: 1 });
      expect(Nik.parse('5371011506260001').birthDateOnOrBefore('2026-06-15')).toEqual({ year: 2026, month: 6, day: 15 });
      expect(Nik.parse('5371011606260001').birthDateOnOrBefore('2026-06-15')).toEqual({ year: 1926, month: 6, day: 16 });
    });

    it('skips a 29 February that does not exist in that century', () => {
      expect(Nik.parse('5371012902000001').birthDateOnOrBefore('2150-01-01')).toEqual({ year: 2000, month: 2, day: 29 });
    });
  });

  describe('masking', () => {
    const nik = Nik.parse('5371014101900001');

    it('keeps only the last 4 digits: 12 asterisks, then the serial', () => {
      expect(nik.mask()).toBe('************0001');
    });

    it('never shows the clear number by accident: string, JSON, console', () => {
      expect(String(nik)).toBe('************0001');
      expect(`${nik as unknown as string}`).toBe('************0001');
      expect(JSON.stringify({ nik })).toBe('{"nik":"************0001"}');
      expect(inspect(nik)).toBe('Nik(************0001)');
      expect(inspect({ worker: { nik } }, { depth: 5 })).not.toContain('5371');
    });
  });

  it('compares by value and is immutable', () => {
    expect(Nik.parse('5371014101900001').equals(Nik.parse('5371014101900001'))).toBe(true);
    expect(Nik.parse('5371014101900001').equals(Nik.parse('5371014101900002'))).toBe(false);
    expect(Object.isFrozen(Nik.parse('5371014101900001'))).toBe(true);
  });
});
