import { DomainError, validateProgramSelection } from '@jaring/domain';
import { validationRule as rule } from '@jaring/platform';
import { normalizePhone } from '../domain/enrollment-rules';
import { parseSearchTerm } from '../domain/worker-search-term';

// The enrollment rules a field agent can break, as class-validator decorators, so that one pass over a
// request (or an import row) reports every mistake at once. Reasons never quote the value: it may be
// personal data. The identity and date rules (IsNik, IsCalendarDate, IsRegencyCode, IsPersonName) are the
// platform's.

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

/**
 * The platform's calendar date rule with enrollment's wording of its reason ("... written YYYY-MM-DD"),
 * which the answers of POST /v1/workers and of the import's rows have always used.
 */
export const CALENDAR_DATE_REASON = { message: '$property must be a date written YYYY-MM-DD' };

/** The worker search's `q`: a membership number, a NIK or words of a name (parseSearchTerm); the reason says which rule failed. */
export function IsWorkerSearchTerm(): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return '$property must be text';
    const term = parseSearchTerm(value);
    return 'invalid' in term ? term.invalid : undefined;
  };
  return rule(
    'workerSearchTerm',
    (args) => problem(args.value) ?? '',
    (value) => problem(value) === undefined,
  );
}
