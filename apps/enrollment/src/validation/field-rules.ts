import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { DomainError, isIsoDate, Nik, officialAreaCodes, parseIsoDate, validateProgramSelection } from '@jaring/domain';
import { normalizePhone } from '../domain/enrollment-rules';

// The rules a field agent can break, as class-validator decorators, so that one pass over a request (or an
// import row) reports every mistake at once. Reasons never quote the value: it may be personal data.
// Each NIK rule passes when an earlier rule already failed (not 16 digits...), so one mistake is one reason.

function rule(
  name: string,
  message: string | ((args: ValidationArguments) => string),
  validate: (value: unknown, args: ValidationArguments) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message, ...options },
      validator: { validate },
    });
}

const SIXTEEN_DIGITS = /^\d{16}$/;
const isNikShaped = (value: unknown): value is string => typeof value === 'string' && SIXTEEN_DIGITS.test(value);

function nikProblem(value: string): DomainError | undefined {
  const parsed = Nik.tryParse(value);
  return parsed.ok ? undefined : parsed.error;
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

/**
 * A NIK (docs/rules.md, Identity): 16 digits; digits 1-6 a district of the official list; digits 7-12 a birth
 * date (day + 40 for women) that agrees with the `birthDate` field of the same object; a serial not 0000.
 */
export function IsNik(birthDateField = 'birthDate'): PropertyDecorator {
  const decorators = [
    rule('nikFormat', '$property must be exactly 16 digits', (value) => isNikShaped(value)),
    rule(
      'nikArea',
      "$property's area code (digits 1-6) is not a district in the official Kemendagri list",
      (value) => !isNikShaped(value) || officialAreaCodes().hasDistrict(value.slice(0, 6)),
    ),
    rule(
      'nikDate',
      "$property's birth date part (digits 7-12, DDMMYY, day + 40 for women) is not a date",
      (value) => !isNikShaped(value) || nikProblem(value)?.code !== 'NIK_DATE',
    ),
    rule(
      'nikSerial',
      "$property's serial number (digits 13-16) cannot be 0000",
      (value) => !isNikShaped(value) || nikProblem(value)?.code !== 'NIK_SERIAL',
    ),
    rule(
      'nikMatchesBirthDate',
      `$property's birth date part (digits 7-12) does not match ${birthDateField} (DDMMYY, with 40 added to the day for women)`,
      (value, args) => {
        const birthDate = (args.object as Record<string, unknown>)[birthDateField];
        return !isNikShaped(value) || !isIsoDate(birthDate) || nikDateMatches(value, birthDate);
      },
    ),
  ];
  return (target, propertyName) => decorators.forEach((decorate) => decorate(target, propertyName));
}

/** A regency or city code as the API writes it (`5371`), and one that exists in the official list. */
export function IsRegencyCode(): PropertyDecorator {
  const shaped = (value: unknown): value is string => typeof value === 'string' && /^\d{4}$/.test(value);
  const decorators = [
    rule('regencyCodeFormat', '$property must be a Kemendagri regency code of 4 digits, e.g. 5371 (Kota Kupang)', shaped),
    rule(
      'regencyCodeKnown',
      '$property is not a regency or city in the official Kemendagri list (e.g. 5371 Kota Kupang; BPS codes differ)',
      (value) => !shaped(value) || officialAreaCodes().hasRegency(value),
    ),
  ];
  return (target, propertyName) => decorators.forEach((decorate) => decorate(target, propertyName));
}

/** A calendar date written `YYYY-MM-DD` that exists (not 2026-02-30). */
export function IsCalendarDate(): PropertyDecorator {
  return rule('calendarDate', '$property must be a date written YYYY-MM-DD', (value) => isIsoDate(value));
}

/** A person's name (letters, spaces and . , ' -; no digits): the platform's rule, shared with the claimant's name in claims. */
export { IsPersonName } from '@jaring/platform';

export function IsIndonesianMobile(): PropertyDecorator {
  return rule(
    'indonesianMobile',
    '$property must be an Indonesian mobile number: 08..., 628... or +628..., 10 to 15 digits',
    (value) => typeof value === 'string' && normalizePhone(value) !== undefined,
  );
}

/** JKK and JKM, optionally JHT, each once (docs/rules.md, Who may join). Reasons by code: a message must not echo input. */
const PROGRAM_REASONS: Record<string, string> = {
  PROGRAMS_INVALID: '$property must be a list of programme codes (JKK, JKM, JHT)',
  PROGRAM_UNKNOWN: '$property may only hold JKK, JKM and JHT',
  PROGRAM_DUPLICATE: '$property lists a programme twice',
  PROGRAM_REQUIRED: '$property must include JKK and JKM (JHT is optional)',
};
export function IsProgramSelection(): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    try {
      validateProgramSelection(value);
      return undefined;
    } catch (error) {
      if (DomainError.is(error)) return PROGRAM_REASONS[error.code] ?? PROGRAM_REASONS.PROGRAMS_INVALID;
      throw error;
    }
  };
  return rule(
    'programSelection',
    (args) => problem(args.value) ?? PROGRAM_REASONS.PROGRAMS_INVALID,
    (value) => problem(value) === undefined,
  );
}

/** A declared monthly income: whole rupiah, at least the minimum (one reason per mistake, not three). */
export function IsDeclaredIncome(minimum: number): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return '$property must be a whole number of rupiah';
    if (value < minimum) return `$property must be at least ${minimum} rupiah`;
    if (!Number.isSafeInteger(value)) return '$property is too large';
    return undefined;
  };
  return rule(
    'declaredIncome',
    (args) => problem(args.value) ?? '$property is invalid',
    (value) => problem(value) === undefined,
  );
}
