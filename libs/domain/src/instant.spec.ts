import { errorCode } from '../test/error-code';
import { parseInstant } from './instant';

describe('parseInstant', () => {
  it('reads a date as midnight UTC', () => {
    expect(parseInstant('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('reads timestamps with Z or an offset', () => {
    expect(parseInstant('2026-01-15T10:00:00Z').toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(parseInstant('2026-02-01T05:00+08:00').toISOString()).toBe('2026-01-31T21:00:00.000Z');
    expect(parseInstant('2026-01-15T10:00:00.123Z').toISOString()).toBe('2026-01-15T10:00:00.123Z');
  });

  it('copies a Date, so the caller cannot mutate ours', () => {
    const date = new Date('2026-01-15T00:00:00Z');
    const parsed = parseInstant(date);
    expect(parsed).not.toBe(date);
    expect(parsed.getTime()).toBe(date.getTime());
  });

  it('refuses timestamps without an offset (they would be read in local time)', () => {
    expect(errorCode(() => parseInstant('2026-01-15T10:00:00'))).toBe('DATE_FORMAT');
  });

  it('refuses dates that would roll over, and nonsense', () => {
    expect(errorCode(() => parseInstant('2026-02-30'))).toBe('DATE_INVALID');
    expect(errorCode(() => parseInstant('2026-02-30T10:00:00Z'))).toBe('DATE_INVALID');
    expect(errorCode(() => parseInstant('2026-01-15T25:00:00Z'))).toBe('DATE_INVALID');
    expect(errorCode(() => parseInstant('January 15, 2026'))).toBe('DATE_FORMAT');
    expect(errorCode(() => parseInstant(new Date(Number.NaN)))).toBe('DATE_INVALID');
  });
});
