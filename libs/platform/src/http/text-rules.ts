import type { ValidationOptions } from 'class-validator';
import { validationRule as rule } from './validation-rule';

// Text fields of the public API, as class-validator decorators. Each says what a field may hold (an
// allow-list) rather than what it may not: names are letters, references are codes, free text is prose.
// None takes control characters (NUL, line breaks, escapes) or markup and statement characters
// (< > ; = \ ` { } [ ] | $): such text is either a mistake or an attack, and would travel on into logs,
// events, bank files and the partners' screens. Reasons never quote the value (it may be personal data).

/** Spaces around the text are forgiven (and trimmed by whoever stores it); a line break or a tab is not. */
const trimSpaces = (text: string) => text.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');
const fits = (value: unknown, maxLength: number, pattern: RegExp, minLength = 1): value is string =>
  typeof value === 'string' && value.length <= maxLength && trimSpaces(value).length >= minLength && pattern.test(trimSpaces(value));

/** A person's name: letters (any script), spaces and . , ' ’ - (Ma'ruf, Ayu-Lestari, S.Pd.); no digits (a NIK in the name column is a mix-up). */
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u;
export const PERSON_NAME_MAX_LENGTH = 100;
export function IsPersonName(options?: ValidationOptions): PropertyDecorator {
  return rule(
    'personName',
    `$property must be a name of 1 to ${PERSON_NAME_MAX_LENGTH} characters: letters, spaces and . , ' - (no digits)`,
    (value) => fits(value, PERSON_NAME_MAX_LENGTH, PERSON_NAME),
    options,
  );
}

/**
 * Prose on one line (an organisation's or a programme's name, a note, a reason): letters, digits, spaces,
 * dashes and quotes of any script, and . , ' " ( ) / & : + # % ! ? @ _ ; not blank.
 */
const PLAIN_TEXT = /^[\p{L}\p{M}\p{N}\p{Zs}\p{Pd}\p{Pi}\p{Pf}.,'"()/&:+#%!?@_]+$/u;
export function IsPlainText(maxLength: number, options: ValidationOptions & { minLength?: number } = {}): PropertyDecorator {
  const { minLength = 1, ...validationOptions } = options;
  return rule(
    'plainText',
    `$property must be ${minLength} to ${maxLength} characters of text on one line: letters, digits, spaces and . , ' " - ( ) / & : + # % ! ? @ _`,
    (value) => fits(value, maxLength, PLAIN_TEXT, minLength),
    validationOptions,
  );
}

/** A reference of another system (a channel's or a bank's transaction reference): letters, digits and _ . / : # - inside. */
const REFERENCE = /^[A-Za-z0-9](?:[A-Za-z0-9 _./:#-]*[A-Za-z0-9_./:#-])?$/;
export function IsReference(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return rule(
    'reference',
    `$property must be 1 to ${maxLength} characters: letters, digits, and _ . / : # - or spaces inside`,
    (value) => typeof value === 'string' && value.length <= maxLength && REFERENCE.test(value),
    options,
  );
}
