import { DomainError } from './errors';
import { type CalendarDate, type IsoDate, isValidCalendarDate, parseIsoDate } from './iso-date';
import { RegionCode } from './region-code';

export type Gender = 'F' | 'M';

/** A non-throwing parse: an API can collect every field's error instead of stopping at the first. */
export type NikParseResult = { ok: true; nik: Nik } | { ok: false; error: DomainError };

const NIK = /^\d{16}$/;
const WOMAN_DAY_OFFSET = 40;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Nomor Induk Kependudukan, Indonesia's 16-digit population number (docs/rules.md, Identity):
 *
 *   53 71 01 410190 0001
 *   │  │  │  │      └ 13-16 serial, never 0000
 *   │  │  │  └ 7-12 birth date DDMMYY, 40 added to the day for women (41 = 1st, female)
 *   │  │  └ 5-6 district (kecamatan); 1-6 together are the Kemendagri area code where the NIK was issued
 *   │  └ 3-4 regency or city
 *   └ 1-2 province
 *
 * Only the structure is checked here; whether the area exists is checked against the official area list,
 * and whether the person exists only Dukcapil knows.
 *
 * The NIK is personal data (the platform stores it encrypted and never logs it in clear), so `toString`,
 * `toJSON` and Node's inspector all show the masked form; the clear number is only in `value`, on purpose.
 */
export class Nik {
  readonly provinceCode: string;
  readonly regencyCode: string;
  readonly districtCode: string;
  readonly gender: Gender;
  /** Day of birth 1-31, with the +40 for women already removed. */
  readonly birthDay: number;
  readonly birthMonth: number;
  /** The two-digit year, 0-99: the NIK does not say the century. */
  readonly birthYearTwoDigits: number;
  readonly serial: string;

  private constructor(readonly value: string) {
    this.provinceCode = value.slice(0, 2);
    this.regencyCode = value.slice(0, 4);
    this.districtCode = value.slice(0, 6);
    const encodedDay = Number(value.slice(6, 8));
    this.gender = encodedDay > WOMAN_DAY_OFFSET ? 'F' : 'M';
    this.birthDay = encodedDay > WOMAN_DAY_OFFSET ? encodedDay - WOMAN_DAY_OFFSET : encodedDay;
    this.birthMonth = Number(value.slice(8, 10));
    this.birthYearTwoDigits = Number(value.slice(10, 12));
    this.serial = value.slice(12, 16);
    Object.freeze(this);
  }

  /**
   * Parses a NIK or throws a DomainError whose code says what is wrong: NIK_FORMAT (not 16 digits),
   * NIK_AREA (a 00 province, regency or district), NIK_DATE (no such birth day, month or date),
   * NIK_SERIAL (0000). No trimming or removal of separators: the API layer decides what it accepts.
   */
  static parse(value: unknown, field = 'nik'): Nik {
    if (typeof value !== 'string' || !NIK.test(value)) {
      throw new DomainError('NIK_FORMAT', 'a NIK is exactly 16 digits', field);
    }
    if (value.slice(0, 2) === '00' || value.slice(2, 4) === '00' || value.slice(4, 6) === '00') {
      throw new DomainError('NIK_AREA', 'the NIK area code (digits 1-6) has a 00 province, regency or district', field);
    }
    const encodedDay = Number(value.slice(6, 8));
    const day = encodedDay > WOMAN_DAY_OFFSET ? encodedDay - WOMAN_DAY_OFFSET : encodedDay;
    const month = Number(value.slice(8, 10));
    const yy = Number(value.slice(10, 12));
    // The century is unknown, so a date is accepted if it exists in 19yy or 20yy: 29 February is valid
    // for yy = 00 (2000 was a leap year) and every other multiple of 4.
    if (!isValidCalendarDate(1900 + yy, month, day) && !isValidCalendarDate(2000 + yy, month, day)) {
      throw new DomainError('NIK_DATE', 'the NIK birth date (digits 7-12, DDMMYY, day + 40 for women) is not a date', field);
    }
    if (value.slice(12) === '0000') {
      throw new DomainError('NIK_SERIAL', 'the NIK serial number (digits 13-16) cannot be 0000', field);
    }
    return new Nik(value);
  }

  static tryParse(value: unknown, field = 'nik'): NikParseResult {
    try {
      return { ok: true, nik: Nik.parse(value, field) };
    } catch (error) {
      if (DomainError.is(error)) return { ok: false, error };
      throw error;
    }
  }

  static isValid(value: unknown): boolean {
    return Nik.tryParse(value).ok;
  }

  /** The regency or city of issue as a RegionCode (structure only; it may not exist any more). */
  get regionCode(): RegionCode {
    return RegionCode.parse(this.regencyCode);
  }

  /**
   * Whether a declared birth date (and gender, when given) agrees with the NIK: same day, month and
   * two-digit year, since the NIK cannot tell 1925 from 2025. Throws DATE_FORMAT/DATE_INVALID if
   * `birthDate` is not a strict `YYYY-MM-DD`, because that is an input error, not a mismatch.
   */
  matchesBirthDate(birthDate: IsoDate, gender?: Gender): boolean {
    const { year, month, day } = parseIsoDate(birthDate, 'birthDate');
    return (
      day === this.birthDay &&
      month === this.birthMonth &&
      year % 100 === this.birthYearTwoDigits &&
      (gender === undefined || gender === this.gender)
    );
  }

  /**
   * The most recent date with the NIK's day, month and two-digit year that is not after `onOrBefore`
   * (usually today): the natural reading when no birth date was declared. Null when no such date exists
   * in the last 200 years (29 February of a year like 2100 that is not a leap year).
   */
  birthDateOnOrBefore(onOrBefore: IsoDate): CalendarDate | null {
    const reference = parseIsoDate(onOrBefore);
    const century = reference.year - (reference.year % 100);
    for (const base of [century, century - 100, century - 200]) {
      const candidate = { year: base + this.birthYearTwoDigits, month: this.birthMonth, day: this.birthDay };
      if (!isValidCalendarDate(candidate.year, candidate.month, candidate.day)) continue;
      if (compareParts(candidate, reference) <= 0) return candidate;
    }
    return null;
  }

  /**
   * For answers and logs: only the serial (the last four digits) stays, e.g. `************0001`. The area
   * and birth date go: shown beside a birth date, they would give most of the NIK away.
   */
  mask(): string {
    return `${'*'.repeat(12)}${this.value.slice(12)}`;
  }

  equals(other: Nik): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.mask();
  }

  toJSON(): string {
    return this.mask();
  }

  [INSPECT](): string {
    return `Nik(${this.mask()})`;
  }
}

function compareParts(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
