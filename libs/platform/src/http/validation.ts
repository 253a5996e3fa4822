import { type ArgumentMetadata, Injectable, type PipeTransform, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { fastCheckOf } from '@jaring/contracts';
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

/** Plain JSON to DTO instances, as the pipe converts them: no implicit conversion (`"16800"` is not a number). */
const TRANSFORM_OPTIONS = { enableImplicitConversion: false };

/**
 * Nest's ValidationPipe, with a quicker road for a valid JSON body: the check compiled once per DTO class from
 * its own class-validator decorators (`fastCheckOf`, the one event payloads go through), then the same
 * `plainToInstance`. Why: class-validator re-reads and re-groups every DTO's metadata and builds error objects
 * on each call (about 60 µs of POST /v1/payments' CPU). The compiled check is only trusted when it says
 * "valid" (it never accepts what class-validator refuses); any other body, and every query or path
 * parameter, goes through class-validator, which gives the reasons: the answers are the same.
 */
class JaringValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { type, metatype } = metadata;
    // 'produce': an unknown field is refused, as `whitelist` + `forbidNonWhitelisted` refuse it.
    if (type === 'body' && metatype && fastCheckOf(metatype)?.(value, 'produce'))
      return plainToInstance(metatype, value, TRANSFORM_OPTIONS);
    return super.transform(value, metadata);
  }
}

/**
 * The options of the validation pipe every service installs globally (`createValidationPipe`):
 * - `whitelist` + `forbidNonWhitelisted`: a field the DTO does not declare is a 400 that names it, rather
 *   than being silently dropped (a typo in an optional field would otherwise go unnoticed);
 * - `transform`: handlers receive DTO instances, and path/query parameters their declared primitive type;
 * - no implicit conversion: a JSON body's `"16800"` is not a number. Query DTOs convert explicitly
 *   with `@Type(() => Number)`;
 * - errors become a `ValidationProblem` (400, `errors: [{ field, reason }]`), rendered by the problem filter.
 */
export const VALIDATION_PIPE_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: TRANSFORM_OPTIONS,
  // The offending values are not needed to describe the error, and may be personal data.
  validationError: { target: false, value: false },
  exceptionFactory: (errors: ValidationError[]) => new ValidationProblem(flattenValidationErrors(errors)),
};

/** The validation pipe every service installs globally (`VALIDATION_PIPE_OPTIONS`, valid bodies by their compiled check). */
export function createValidationPipe(): ValidationPipe {
  return new JaringValidationPipe(VALIDATION_PIPE_OPTIONS);
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
