import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
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
