import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { describeFieldErrors } from '@jaring/domain';

/** One offending input field: `field` is a dotted path (`heirs.0.nik`), `reason` says what is wrong. */
export interface FieldError {
  field: string;
  reason: string;
}

/** An RFC 9457 problem details document, as sent with `Content-Type: application/problem+json`. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ProblemOptions {
  /** A URI naming the kind of problem, e.g. `https://jaring.id/problems/duplicate-nik`; default `about:blank`. */
  type?: string;
  /** A short summary of the kind of problem; default: the HTTP status text. */
  title?: string;
  errors?: FieldError[];
  /** More members for the document (RFC 9457 extensions), e.g. `{ existingWorkerId }`. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://jaring.id/problems/';

/** `problemType('duplicate-nik')` → `https://jaring.id/problems/duplicate-nik`. */
export function problemType(slug: string): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}

type ErrorsOrOptions = FieldError[] | ProblemOptions;

function toOptions(errorsOrOptions?: ErrorsOrOptions): ProblemOptions {
  if (!errorsOrOptions) return {};
  return Array.isArray(errorsOrOptions) ? { errors: errorsOrOptions } : errorsOrOptions;
}

/**
 * An error that application code throws to answer with a problem details document:
 *
 *   throw Problem.conflict('a worker with this NIK is already registered', { type: problemType('duplicate-nik') });
 *   throw Problem.badRequest('the period must not be in the future', [{ field: 'period', reason: '...' }]);
 *
 * It is an HttpException, so anything in Nest that understands those (other filters, interceptors,
 * tests) still sees the right status. `detail` is sent to the client as written: it must not carry
 * personal data or internals.
 */
export class Problem extends HttpException {
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;

  constructor(status: number, detail: string, options: ProblemOptions = {}) {
    const type = options.type ?? 'about:blank';
    const title = options.title ?? STATUS_CODES[status] ?? 'Error';
    super(
      {
        ...options.extensions,
        type,
        title,
        status,
        detail,
        ...(options.errors?.length ? { errors: options.errors } : {}),
      },
      status,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    // HttpException would take its message from the class name; the detail says more in logs.
    this.message = detail;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = options.errors?.length ? options.errors : undefined;
    this.extensions = options.extensions;
  }

  /** The document this problem is rendered as (without `instance`, which belongs to the request). */
  toDocument(): ProblemDocument {
    return this.getResponse() as ProblemDocument;
  }

  static badRequest(detail: string, errorsOrOptions?: ErrorsOrOptions): Problem {
    return new Problem(HttpStatus.BAD_REQUEST, detail, toOptions(errorsOrOptions));
  }

  static unauthorized(detail: string, options?: ProblemOptions): Problem {
    return new Problem(HttpStatus.UNAUTHORIZED, detail, options);
  }

  static forbidden(detail: string, options?: ProblemOptions): Problem {
    return new Problem(HttpStatus.FORBIDDEN, detail, options);
  }

  static notFound(detail: string, options?: ProblemOptions): Problem {
    return new Problem(HttpStatus.NOT_FOUND, detail, options);
  }

  static conflict(detail: string, options?: ProblemOptions): Problem {
    return new Problem(HttpStatus.CONFLICT, detail, options);
  }

  static payloadTooLarge(detail: string, options?: ProblemOptions): Problem {
    return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, detail, options);
  }

  static unsupportedMediaType(detail: string, options?: ProblemOptions): Problem {
    return new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail, options);
  }

  static unprocessable(detail: string, errorsOrOptions?: ErrorsOrOptions): Problem {
    return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, detail, toOptions(errorsOrOptions));
  }

  static tooManyRequests(detail: string, options?: ProblemOptions): Problem {
    return new Problem(HttpStatus.TOO_MANY_REQUESTS, detail, options);
  }

  static serviceUnavailable(detail: string, options?: ProblemOptions): Problem {
    return new Problem(HttpStatus.SERVICE_UNAVAILABLE, detail, options);
  }
}

export const VALIDATION_PROBLEM_TYPE = problemType('validation-error');

/** Bad input: a 400 that lists every offending field. Thrown by the validation pipe. */
export class ValidationProblem extends Problem {
  constructor(errors: FieldError[], detail = describeFieldErrors(errors)) {
    super(HttpStatus.BAD_REQUEST, detail, { type: VALIDATION_PROBLEM_TYPE, title: 'Invalid request', errors });
  }
}
