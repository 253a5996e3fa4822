/**
 * A broken business rule or malformed business value, raised by the domain and mapped by the platform
 * layer to an HTTP 400/422 problem detail. The `code` is stable and machine-readable (clients and tests
 * switch on it; the message may be reworded), and `field` names the input at fault so the problem detail
 * can point at it, as the API conventions require.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** `instanceof` fails across duplicated module copies (e.g. jest module registries); the name does not. */
  static is(value: unknown): value is DomainError {
    return (
      value instanceof DomainError ||
      (value instanceof Error && value.name === 'DomainError' && typeof (value as DomainError).code === 'string')
    );
  }

  toJSON(): { code: string; message: string; field?: string } {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** How a use case refuses a request; the transport that carried the request chooses the answer (an HTTP status). */
export type UseCaseErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'gone' | 'conflict' | 'unprocessable';

export interface UseCaseErrorDetails {
  /** A short, stable slug naming the kind of problem (`duplicate-nik`): clients switch on it. None: only the status says. */
  type?: string;
  /** A short summary of the kind of problem. */
  title?: string;
  /** The offending input fields: a dotted path and a reason that never quotes the value. */
  errors?: Array<{ field: string; reason: string }>;
  /** More members for the answer (`{ acceptedAmounts }`). */
  extensions?: Record<string, unknown>;
}

/**
 * A use case's refusal of a request: the worker is unknown, the claim was already decided, the payment does
 * not fit the open invoices. Handlers throw it without knowing whether HTTP or Kafka brought the request;
 * the HTTP layer turns it into a problem details document in one place (libs/platform's ProblemDetailsFilter).
 * The message is sent to the client as written: no personal data, no internals.
 */
export class UseCaseError extends Error {
  override readonly name = 'UseCaseError';

  constructor(
    readonly kind: UseCaseErrorKind,
    message: string,
    readonly details: UseCaseErrorDetails = {},
  ) {
    super(message);
  }

  static invalid(message: string, details?: UseCaseErrorDetails): UseCaseError {
    return new UseCaseError('invalid', message, details);
  }

  /**
   * Input that broke field rules, answered as the HTTP validation pipe answers (400 `validation-error`, "Invalid
   * request", a detail naming the fields): a caller cannot tell whether the pipe or a handler judged the request.
   */
  static invalidFields(errors: Array<{ field: string; reason: string }>): UseCaseError {
    return new UseCaseError('invalid', describeFieldErrors(errors), { type: 'validation-error', title: 'Invalid request', errors });
  }

  static forbidden(message: string, details?: UseCaseErrorDetails): UseCaseError {
    return new UseCaseError('forbidden', message, details);
  }

  static notFound(message: string, details?: UseCaseErrorDetails): UseCaseError {
    return new UseCaseError('not-found', message, details);
  }

  /** What existed and was deleted on purpose (kept for a while only): not coming back. */
  static gone(message: string, details?: UseCaseErrorDetails): UseCaseError {
    return new UseCaseError('gone', message, details);
  }

  static conflict(message: string, details?: UseCaseErrorDetails): UseCaseError {
    return new UseCaseError('conflict', message, details);
  }

  static unprocessable(message: string, details?: UseCaseErrorDetails): UseCaseError {
    return new UseCaseError('unprocessable', message, details);
  }

  /** `instanceof` fails across duplicated module copies (jest module registries); the name does not. */
  static is(value: unknown): value is UseCaseError {
    return (
      value instanceof UseCaseError ||
      (value instanceof Error && value.name === 'UseCaseError' && typeof (value as UseCaseError).kind === 'string')
    );
  }
}

/** `invalid fields: nik, phone`: the fields of a refusal, the first five named. */
export function describeFieldErrors(errors: ReadonlyArray<{ field: string }>): string {
  const fields = [...new Set(errors.map((error) => error.field))];
  if (fields.length === 0) return 'the request is invalid';
  const shown = fields.slice(0, 5).join(', ');
  return `invalid ${fields.length === 1 ? 'field' : 'fields'}: ${shown}${fields.length > 5 ? `, and ${fields.length - 5} more` : ''}`;
}
