import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { EventDefinition } from './event-definition';
import { fastCheckOf, type FastCheck } from './fast-validation';
import type { ValidationMode } from './validation-mode';

export type { ValidationMode } from './validation-mode';

/** Every reason `data` does not match the definition's schema, as `field: reason`; empty when valid. */
export function validateEventData(definition: EventDefinition, data: unknown, mode: ValidationMode): string[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return ['data: must be an object'];
  // Valid payloads (nearly all of them) are accepted by the compiled check; class-validator explains the rest.
  if (fastCheck(definition)?.(data, mode)) return [];
  const instance = plainToInstance<object, object>(definition.dataClass, data);
  const errors = validateSync(instance, {
    whitelist: mode === 'produce',
    forbidNonWhitelisted: mode === 'produce',
    forbidUnknownValues: true,
  });
  return flattenValidationErrors(errors, 'data');
}

const fastChecks = new WeakMap<EventDefinition, FastCheck | null>();

function fastCheck(definition: EventDefinition): FastCheck | null {
  if (!fastChecks.has(definition)) fastChecks.set(definition, fastCheckOf(definition.dataClass));
  return fastChecks.get(definition)!;
}

export function flattenValidationErrors(errors: ValidationError[], prefix: string): string[] {
  const reasons: string[] = [];
  for (const error of errors) {
    const field = `${prefix}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) reasons.push(`${field}: ${message}`);
    if (error.children?.length) reasons.push(...flattenValidationErrors(error.children, field));
  }
  return reasons;
}
