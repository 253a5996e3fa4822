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
