import { DomainError } from '../src/errors';

/** The DomainError code `fn` throws, or undefined if it returns; any other error is rethrown. */
export function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}
