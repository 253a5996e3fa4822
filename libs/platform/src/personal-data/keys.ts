import { registerDecorator, type ValidationArguments } from 'class-validator';

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/**
 * A key setting written as hex (checked first: hex digits are also base64) or base64; undefined when it
 * is neither. Every service reads keys this way, so a shared key (NIK_HASH_KEY) gives the same bytes.
 */
export function decodeKey(value: unknown): Buffer | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (HEX.test(text)) return Buffer.from(text, 'hex');
  if (text.length > 0 && BASE64.test(text)) return Buffer.from(text, 'base64');
  return undefined;
}

/** A key setting (hex or base64) whose decoded length is within bounds and, optionally, not another setting's key. */
export function IsKey(options: { minBytes: number; maxBytes: number; differentFrom?: string }): PropertyDecorator {
  const size = options.minBytes === options.maxBytes ? `${options.minBytes} bytes` : `${options.minBytes} to ${options.maxBytes} bytes`;
  const sameAsOther = (args: ValidationArguments) => {
    if (!options.differentFrom) return false;
    const other = decodeKey((args.object as Record<string, unknown>)[options.differentFrom]);
    return !!other && !!decodeKey(args.value)?.equals(other);
  };
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isKey',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          sameAsOther(args) ? `must differ from ${options.differentFrom}` : `must be a key of ${size}, written as hex or base64`,
      },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const key = decodeKey(value);
          return !!key && key.length >= options.minBytes && key.length <= options.maxBytes && !sameAsOther(args);
        },
      },
    });
}
