import { readFileSync } from 'node:fs';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, registerDecorator, ValidateBy, type ValidationOptions } from 'class-validator';

// Environment variables are strings. These transforms turn the well-formed ones into the type the
// setting declares and leave anything else as the raw string, so that the validator rejects it and the
// error message can quote what was actually set (Number('3001abc') would silently become NaN).

/** `"3001"` → 3001; anything that is not a plain integer stays a string and fails `@IsInt()`. */
export function EnvInt(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value,
  );
}

/** An integer setting from `min` to `max`: `"12"` → 12, anything else refused with `must be an integer from <min> to <max>`. */
export function EnvIntRange(min: number, max: number): PropertyDecorator {
  const message = `must be an integer from ${min} to ${max}`;
  const decorators = [EnvInt(), IsInt({ message }), Min(min, { message }), Max(max, { message })];
  return (target, propertyKey) => decorators.forEach((decorate) => decorate(target, propertyKey));
}

/** `true/false/1/0/yes/no` (any case) → boolean; anything else stays a string and fails `@IsBoolean()`. */
export function EnvBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const v = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    return value;
  });
}

/** `"a, b,c"` → `['a', 'b', 'c']` (empty items dropped). */
export function EnvList(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item.length > 0)
      : value,
  );
}

/** A `postgres://` or `postgresql://` URL that `new URL()` can parse, with a host. */
export function IsPostgresUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPostgresUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a postgres:// URL of the database server', ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^postgres(ql)?:\/\//.test(value)) return false;
          try {
            return new URL(value).hostname.length > 0;
          } catch {
            return false;
          }
        },
      },
    });
}

/** A comma-separated `host:port` list, the form kafkajs and every Kafka tool take brokers in. */
export function IsHostPortList(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isHostPortList',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a comma-separated list of host:port', ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          const items = value.split(',').map((item) => item.trim());
          return (
            items.length > 0 &&
            items.every((item) => {
              const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(item);
              return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
            })
          );
        },
      },
    });
}

/** A switch for development and tests only: `true` is refused when the same settings say `NODE_ENV=production`. */
export function NotInProduction(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notInProduction',
      validator: { validate: (value, args) => !(value === true && (args?.object as { NODE_ENV?: string }).NODE_ENV === 'production') },
    },
    { message: 'must not be true when NODE_ENV is production' },
  );
}

/**
 * A switch for the automated tests only: `true` is refused unless the same settings say `NODE_ENV=test`, so
 * that neither production nor a development or staging deployment (left unset, or `development`) has it on.
 */
export function OnlyUnderTest(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'onlyUnderTest',
      validator: { validate: (value, args) => value !== true || (args?.object as { NODE_ENV?: string }).NODE_ENV === 'test' },
    },
    { message: 'must not be true unless NODE_ENV is test' },
  );
}

/** An http(s) URL; in production (`NODE_ENV=production`, from the same settings) https only. */
export function IsServiceUrl(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isServiceUrl',
      validator: {
        validate: (value, args) => {
          if (typeof value !== 'string') return false;
          let url: URL;
          try {
            url = new URL(value);
          } catch {
            return false;
          }
          const production = (args?.object as { NODE_ENV?: string }).NODE_ENV === 'production';
          return url.protocol === 'https:' || (!production && url.protocol === 'http:');
        },
      },
    },
    { message: 'must be an https:// URL (http:// is allowed outside production)' },
  );
}

/**
 * A file of PEM certificates the process can read now: a CA bundle mounted from a secret. Checked when the
 * settings load, so that a missing mount stops the service at start and names the variable.
 */
export function IsReadablePemFile(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReadablePemFile',
      validator: {
        validate: (value) => {
          if (typeof value !== 'string') return false;
          try {
            return readFileSync(value, 'utf8').includes('-----BEGIN CERTIFICATE-----');
          } catch {
            return false;
          }
        },
      },
    },
    { message: 'must be a readable file of PEM certificates' },
  );
}
