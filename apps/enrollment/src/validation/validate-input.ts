import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UseCaseError } from '@jaring/domain';
import { type FieldError, flattenValidationErrors } from '@jaring/platform';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * A DTO's class-validator rules over untrusted input, with the settings of the platform's validation pipe
 * (an undeclared field is an error naming it), returning every broken rule instead of throwing. Used where
 * more rules must be reported together with the DTO's (a registration's age, a CSV row).
 */
export function validateDto<T extends object>(cls: new () => T, input: unknown): { dto: T | undefined; errors: FieldError[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { dto: undefined, errors: [{ field: 'body', reason: 'the body must be a JSON object' }] };
  }
  const dto = hasNestedObjects(input) ? plainToInstance(cls, input) : Object.assign(new cls(), input);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return { dto, errors: flattenValidationErrors(errors) };
}

/**
 * Only nested objects (heirs) need class-transformer, to become instances their rules apply to; a flat
 * body (every import row) is copied onto the DTO directly, which is several times cheaper per row.
 */
function hasNestedObjects(input: object): boolean {
  return Object.values(input).some(
    (value) =>
      value !== null &&
      typeof value === 'object' &&
      (!Array.isArray(value) || value.some((item) => item !== null && typeof item === 'object')),
  );
}

/**
 * A use case's refusal of input that broke field rules: the same answer as the platform's validation pipe
 * gives (400 `validation-error`, "Invalid request", a detail naming the fields), so that a field agent
 * cannot tell whether the pipe or a handler judged the request.
 */
export function invalidInput(errors: FieldError[]): UseCaseError {
  return UseCaseError.invalid(describeFieldErrors(errors), { type: 'validation-error', title: 'Invalid request', errors });
}

/** The detail of the platform's ValidationProblem, word for word. */
function describeFieldErrors(errors: FieldError[]): string {
  const fields = [...new Set(errors.map((error) => error.field))];
  if (fields.length === 0) return 'the request is invalid';
  const shown = fields.slice(0, 5).join(', ');
  return `invalid ${fields.length === 1 ? 'field' : 'fields'}: ${shown}${fields.length > 5 ? `, and ${fields.length - 5} more` : ''}`;
}
