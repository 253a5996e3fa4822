import type { ValidationOptions } from 'class-validator';
import { isIsoDate, Nik, officialAreaCodes, parseIsoDate } from '@jaring/domain';
import { allRules, validationRule as rule } from './validation-rule';

// The identity and date fields of the public API, as class-validator decorators, so that one pass over a
// request (or an import row) reports every mistake at once. Reasons never quote the value: it may be
// personal data. Each NIK rule passes when an earlier one already failed (not 16 digits...), so one mistake
// is one reason.

const SIXTEEN_DIGITS = /^\d{16}$/;
const isNikShaped = (value: unknown): value is string => typeof value === 'string' && SIXTEEN_DIGITS.test(value);

function nikErrorCode(value: string): string | undefined {
  const parsed = Nik.tryParse(value);
  return parsed.ok ? undefined : parsed.error.code;
}

/**
 * Digits 7-12 against a birth date, read directly so that a NIK wrong in other ways (serial 0000, a date
 * part that is no date) is still compared: same day (or day + 40, a woman), month and two-digit year.
 */
function nikDateMatches(nik: string, birthDate: string): boolean {
  const { year, month, day } = parseIsoDate(birthDate);
  const encodedDay = Number(nik.slice(6, 8));
  return (encodedDay === day || encodedDay === day + 40) && Number(nik.slice(8, 10)) === month && Number(nik.slice(10, 12)) === year % 100;
}

export interface NikRuleOptions {
  /** The field of the same object holding the person's birth date, which digits 7-12 must agree with; none: not compared. */
  birthDateField?: string;
}

/**
 * A NIK (docs/rules.md, Identity): 16 digits; digits 1-6 a district of the official list; digits 7-12 a birth
 * date (day + 40 for women), agreeing with `birthDateField` when one is named; a serial not 0000.
 */
export function IsNik(options: NikRuleOptions = {}): PropertyDecorator {
  const { birthDateField } = options;
  const rules = [
    rule('nikFormat', '$property must be exactly 16 digits', (value) => isNikShaped(value)),
    rule(
      'nikArea',
      "$property's area code (digits 1-6) is not a district in the official Kemendagri list",
      (value) => !isNikShaped(value) || officialAreaCodes().hasDistrict(value.slice(0, 6)),
    ),
    rule(
      'nikDate',
      "$property's birth date part (digits 7-12, DDMMYY, day + 40 for women) is not a date",
      (value) => !isNikShaped(value) || nikErrorCode(value) !== 'NIK_DATE',
    ),
    rule(
      'nikSerial',
      "$property's serial number (digits 13-16) cannot be 0000",
      (value) => !isNikShaped(value) || nikErrorCode(value) !== 'NIK_SERIAL',
    ),
  ];
  if (birthDateField) {
    rules.push(
      rule(
        'nikMatchesBirthDate',
        `$property's birth date part (digits 7-12) does not match ${birthDateField} (DDMMYY, with 40 added to the day for women)`,
        (value, args) => {
          const birthDate = (args.object as Record<string, unknown>)[birthDateField];
          return !isNikShaped(value) || !isIsoDate(birthDate) || nikDateMatches(value, birthDate);
        },
      ),
    );
  }
  return allRules(...rules);
}

/** A regency or city code as the API writes it (`5371`), and one that exists in the official list. */
export function IsRegencyCode(): PropertyDecorator {
  const shaped = (value: unknown): value is string => typeof value === 'string' && /^\d{4}$/.test(value);
  return allRules(
    rule('regencyCodeFormat', '$property must be a Kemendagri regency code of 4 digits, e.g. 5371 (Kota Kupang)', shaped),
    rule(
      'regencyCodeKnown',
      '$property is not a regency or city in the official Kemendagri list (e.g. 5371 Kota Kupang; BPS codes differ)',
      (value) => !shaped(value) || officialAreaCodes().hasRegency(value),
    ),
  );
}

/** A calendar date written `YYYY-MM-DD` that exists (not 2026-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return rule('calendarDate', '$property must be a date written YYYY-MM-DD that exists', (value) => isIsoDate(value), options);
}
