import { Injectable, type PipeTransform, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { type FieldError, ValidationProblem } from './problem';

/** Past this many field errors the list is cut: a 10,000-row payload must not produce a 10 MB answer. */
export const MAX_FIELD_ERRORS = 100;

/**
 * class-validator's error tree as a flat list, one entry per broken rule, each field named by its path
 * from the root of the input: `{ field: 'heirs.0.nik', reason: 'nik must be a string of 16 digits' }`.
 */
export function flattenValidationErrors(errors: ValidationError[], parentPath = '', out: FieldError[] = []): FieldError[] {
  for (const error of errors) {
    if (out.length >= MAX_FIELD_ERRORS) break;
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) {
      if (out.length >= MAX_FIELD_ERRORS) break;
      out.push({ field, reason });
    }
    if (error.children?.length) flattenValidationErrors(error.children, field, out);
  }
  return out;
}

/**
 * The validation pipe every service installs globally:
 * - `whitelist` + `forbidNonWhitelisted`: a field the DTO does not declare is a 400 that names it, rather
 *   than being silently dropped (a typo in an optional field would otherwise go unnoticed);
 * - `transform`: handlers receive DTO instances, and path/query parameters their declared primitive type;
 * - no implicit conversion: a JSON body's `"16800"` is not a number. Query DTOs convert explicitly
 *   with `@Type(() => Number)`;
 * - errors become a `ValidationProblem` (400, `errors: [{ field, reason }]`), rendered by the problem filter.
 */
export function createValidationPipe(options: ValidationPipeOptions = {}): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The offending values are not needed to describe the error, and may be personal data.
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => new ValidationProblem(flattenValidationErrors(errors)),
    ...options,
  });
}

/**
 * For an endpoint that takes no input (`POST /v1/payout-batches`, an operations trigger):
 * `@Body(NoBodyPipe) _body: unknown`. No body, or `{}`, passes; anything else is a 400 naming what should
 * not be there, so that a client who believes it is passing options learns that it is not.
 */
@Injectable()
export class NoBodyPipe implements PipeTransform<unknown, undefined> {
  transform(value: unknown): undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ValidationProblem([{ field: 'body', reason: 'this endpoint takes no body (send none, or {})' }]);
    }
    const fields = Object.keys(value);
    if (fields.length)
      throw new ValidationProblem(
        fields.slice(0, MAX_FIELD_ERRORS).map((field) => ({ field, reason: `property ${field} should not exist` })),
      );
    return undefined;
  }
}
