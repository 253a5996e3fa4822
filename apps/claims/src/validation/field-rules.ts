import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isIsoDate, Nik } from '@jaring/domain';

function rule(name: string, message: string, validate: (value: unknown) => boolean, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message, ...options },
      validator: { validate },
    });
}

/** A day of the calendar as YYYY-MM-DD (2026-02-30 is refused). */
export const IsCalendarDate = (options?: ValidationOptions) =>
  rule('isCalendarDate', '$property must be a date YYYY-MM-DD that exists', isIsoDate, options);

/** A valid NIK (16 digits, area, birth date, serial: docs/rules.md, Identity). */
export const IsNik = (options?: ValidationOptions) =>
  rule('isNik', '$property must be a valid NIK of 16 digits', (v) => Nik.isValid(v), options);
