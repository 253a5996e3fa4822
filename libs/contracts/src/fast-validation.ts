import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata';
import type { AnyClass } from './event-definition';
import type { ValidationMode } from './validation-mode';

/**
 * A quick "is this payload valid?" for event data, compiled once per class from the same class-validator
 * decorators, with the same constraint functions: class-validator's own `validateSync` (with
 * `plainToInstance` before it) re-reads and re-groups the metadata and builds error objects for every
 * call, which costs tens of microseconds an event and was the largest single cost of applying a payment.
 *
 * It is only ever trusted when it says "valid": a payload it does not accept goes through class-validator,
 * which gives the reasons. So it must never accept what class-validator refuses; where it cannot be
 * sure of that (a decorator kind it does not know, an asynchronous constraint, a class-transformer
 * transformation, a field initialiser, a value that is not plain JSON), it refuses, and class-validator
 * decides. `fast-validation.spec.ts` checks it against class-validator on every event and many mutations.
 */
export type FastCheck = (data: unknown, mode: ValidationMode) => boolean;

interface PropertyRule {
  property: string;
  /** Constraint checks in class-validator's order; `each` applies one to every element of an array. */
  checks: Array<{ metadata: ValidationMetadata; constraints: ConstraintMetadata[] }>;
  conditions: ValidationMetadata[];
  /** `@ValidateNested` with the class `@Type` names. */
  nested?: () => CompiledClass | null;
}

interface CompiledClass {
  target: AnyClass;
  properties: PropertyRule[];
  allowed: Set<string>;
}

// class-transformer keeps @Type and friends in a storage it does not export from its index.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadataStorage };

const compiled = new WeakMap<AnyClass, CompiledClass | null>();
const KNOWN_TYPES = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
]);

/** The compiled check of `target`, or null when class-validator must always decide. */
export function fastCheckOf(target: AnyClass): FastCheck | null {
  const compiledClass = compileClass(target);
  if (!compiledClass) return null;
  return (data, mode) => isPlainObject(data) && accepts(compiledClass, data, mode === 'produce');
}

function compileClass(target: AnyClass): CompiledClass | null {
  if (compiled.has(target)) return compiled.get(target)!;
  compiled.set(target, null); // a class that contains itself is left to class-validator
  const result = tryCompile(target);
  compiled.set(target, result);
  return result;
}

function tryCompile(target: AnyClass): CompiledClass | null {
  const storage = getMetadataStorage();
  // The same selection validateSync makes with no groups and `always` unset.
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false, undefined);
  if (!metadatas.length) return null;
  if (metadatas.some((m) => !KNOWN_TYPES.has(m.type) || m.context)) return null;
  if (!withoutTransformations(target) || !withoutInitialisers(target)) return null;

  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyRule[] = [];
  for (const [property, list] of Object.entries(grouped)) {
    const checks: PropertyRule['checks'] = [];
    // class-validator runs IS_DEFINED first, then the custom constraints, then nested validation.
    for (const metadata of [
      ...list.filter((m) => m.type === ValidationTypes.IS_DEFINED),
      ...list.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION),
    ]) {
      const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
      if (!constraints.length || constraints.some((c) => c.async)) return null;
      checks.push({ metadata, constraints });
    }
    const rule: PropertyRule = { property, checks, conditions: list.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION) };
    if (list.some((m) => m.type === ValidationTypes.NESTED_VALIDATION)) {
      const type = defaultMetadataStorage.findTypeMetadata(target, property);
      if (!type || type.options?.discriminator) return null;
      const nestedClass = type.typeFunction() as AnyClass;
      rule.nested = () => compileClass(nestedClass);
    } else if (defaultMetadataStorage.findTypeMetadata(target, property)) {
      // `@Type(() => Number)` on a field converts its value ("5" to 5): the payload checked here would not be
      // what class-validator sees.
      return null;
    }
    properties.push(rule);
  }
  return { target, properties, allowed: new Set(Object.keys(grouped)) };
}

/** A class whose plain → instance conversion changes nothing but the prototype (no @Transform/@Expose/@Exclude). */
function withoutTransformations(target: AnyClass): boolean {
  const storage = defaultMetadataStorage as unknown as {
    getExposedMetadatas(target: AnyClass): unknown[];
    getExcludedMetadatas(target: AnyClass): unknown[];
    _transformMetadatas: Map<AnyClass, unknown>;
  };
  return (
    !storage.getExposedMetadatas(target).length && !storage.getExcludedMetadatas(target).length && !storage._transformMetadatas.has(target)
  );
}

/** plainToInstance starts from `new target()`: a field initialiser would fill what the payload left out. */
function withoutInitialisers(target: AnyClass): boolean {
  try {
    const instance = new (target as new () => object)();
    return Object.values(instance).every((value) => value === undefined);
  } catch {
    return false;
  }
}

function accepts(compiledClass: CompiledClass, data: Record<string, unknown>, whitelist: boolean): boolean {
  for (const key of Object.keys(data)) {
    // Keys that plainToInstance would turn into the instance's prototype or constructor.
    if (key === '__proto__' || key === 'constructor') return false;
    if (whitelist && !compiledClass.allowed.has(key)) return false;
  }
  for (const rule of compiledClass.properties) {
    const value = Object.prototype.hasOwnProperty.call(data, rule.property) ? data[rule.property] : undefined;
    if (!plainJson(value)) return false;
    if (!rule.conditions.every((condition) => (condition.constraints[0] as (object: object, value: unknown) => boolean)(data, value)))
      continue;
    for (const { metadata, constraints } of rule.checks) {
      if (metadata.validateIf && !metadata.validateIf(data, value)) continue;
      const args: ValidationArguments = {
        targetName: compiledClass.target.name,
        property: rule.property,
        object: data,
        value,
        constraints: metadata.constraints,
      };
      for (const constraint of constraints) {
        const valid =
          metadata.each && Array.isArray(value)
            ? value.every((element) => constraint.instance.validate(element, args) === true)
            : constraint.instance.validate(value, args) === true;
        if (!valid) return false;
      }
    }
    if (rule.nested && value !== undefined) {
      const nested = rule.nested();
      if (!nested) return false;
      const elements = Array.isArray(value) ? value : [value];
      if (!elements.every((element) => isPlainObject(element) && accepts(nested, element, whitelist))) return false;
    }
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What JSON.parse can produce: anything else (a Date, a Set, a class instance) is left to class-validator. */
function plainJson(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      return Array.isArray(value) ? value.every(plainJson) : isPlainObject(value) && Object.values(value).every(plainJson);
    default:
      return false;
  }
}
