import { DomainError } from '@jaring/domain';
import { Problem, problemType } from '@jaring/platform';

/** Runs a domain rule on request input: a DomainError becomes a 400 problem naming the field. */
export function orBadRequest<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (DomainError.is(error)) {
      throw Problem.badRequest(error.message, {
        type: problemType('validation-error'),
        title: 'Invalid request',
        errors: [{ field: error.field ?? 'request', reason: error.message }],
      });
    }
    throw error;
  }
}
