import { errorCode } from '../test/error-code';
import {
  OCCUPATIONS,
  OCCUPATION_CODES,
  type OccupationCode,
  isOccupationCode,
  isTransportOccupation,
  occupationOf,
  occupationSector,
  parseOccupationCode,
} from './occupations';

describe('occupations', () => {
  it('hold the eleven codes of docs/rules.md', () => {
    expect([...OCCUPATION_CODES].sort()).toEqual(
      [
        'OJEK_DRIVER',
        'ONLINE_DRIVER',
        'COURIER',
        'MAKEUP_ARTIST',
        'WEAVER',
        'CREATIVE_WORKER',
        'MARKET_TRADER',
        'FISHERMAN',
        'FARMER',
        'DOMESTIC_WORKER',
        'OTHER',
      ].sort(),
    );
    expect(new Set(OCCUPATION_CODES).size).toBe(OCCUPATIONS.length);
  });

  it('treats ojek, online drivers and couriers as transport, and no one else', () => {
    const transport = OCCUPATION_CODES.filter((code) => isTransportOccupation(code));
    expect([...transport].sort()).toEqual(['COURIER', 'OJEK_DRIVER', 'ONLINE_DRIVER']);
  });

  it('knows each sector', () => {
    const expected: Record<OccupationCode, string> = {
      OJEK_DRIVER: 'transport',
      ONLINE_DRIVER: 'transport',
      COURIER: 'transport',
      MAKEUP_ARTIST: 'creative',
      WEAVER: 'creative',
      CREATIVE_WORKER: 'creative',
      MARKET_TRADER: 'trade',
      FISHERMAN: 'primary',
      FARMER: 'primary',
      DOMESTIC_WORKER: 'services',
      OTHER: 'other',
    };
    for (const code of OCCUPATION_CODES) expect(occupationSector(code)).toBe(expected[code]);
    expect(occupationOf('WEAVER').description).toMatch(/ikat/);
  });

  it('parses codes strictly', () => {
    expect(parseOccupationCode('COURIER')).toBe('COURIER');
    expect(isOccupationCode('FARMER')).toBe(true);
    expect(isOccupationCode('farmer')).toBe(false);
    expect(errorCode(() => parseOccupationCode('courier'))).toBe('OCCUPATION_UNKNOWN');
    expect(errorCode(() => parseOccupationCode('PILOT'))).toBe('OCCUPATION_UNKNOWN');
    expect(errorCode(() => parseOccupationCode(undefined))).toBe('OCCUPATION_UNKNOWN');
    expect(() => parseOccupationCode('PILOT')).toThrow(expect.objectContaining({ field: 'occupation' }));
  });

  it('is frozen data', () => {
    expect(Object.isFrozen(OCCUPATIONS)).toBe(true);
  });
});
