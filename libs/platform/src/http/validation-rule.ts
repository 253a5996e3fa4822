import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** A class-validator decorator from a name, a message and a test: the form every field rule of the platform takes. */
export function validationRule(
  name: string,
  message: string | ((args: ValidationArguments) => string),
  validate: (value: unknown, args: ValidationArguments) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message, ...options },
      validator: { validate },
    });
}

/** Several rules on one property, in order. */
export function allRules(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyName) => decorators.forEach((decorate) => decorate(target, propertyName));
}
