import { errorCode } from '../test/error-code';
import { PROGRAM_CODES, REQUIRED_PROGRAMS, isProgramCode, validateProgramSelection } from './programs';

describe('programmes', () => {
  it('are JKK, JKM and JHT; JKK and JKM required', () => {
    expect(PROGRAM_CODES).toEqual(['JKK', 'JKM', 'JHT']);
    expect(REQUIRED_PROGRAMS).toEqual(['JKK', 'JKM']);
    expect(isProgramCode('JHT')).toBe(true);
    expect(isProgramCode('JKP')).toBe(false);
    expect(isProgramCode('jkk')).toBe(false);
  });

  describe('validateProgramSelection', () => {
    it('accepts the minimum, JKK + JKM', () => {
      expect(validateProgramSelection(['JKK', 'JKM'])).toEqual(['JKK', 'JKM']);
    });

    it('accepts JHT as well, and returns the canonical order', () => {
      expect(validateProgramSelection(['JHT', 'JKM', 'JKK'])).toEqual(['JKK', 'JKM', 'JHT']);
    });

    it('requires JKK and JKM', () => {
      expect(errorCode(() => validateProgramSelection(['JKK']))).toBe('PROGRAM_REQUIRED');
      expect(errorCode(() => validateProgramSelection(['JKM', 'JHT']))).toBe('PROGRAM_REQUIRED');
      expect(errorCode(() => validateProgramSelection(['JHT']))).toBe('PROGRAM_REQUIRED');
      expect(errorCode(() => validateProgramSelection([]))).toBe('PROGRAM_REQUIRED');
    });

    it('refuses duplicates', () => {
      expect(errorCode(() => validateProgramSelection(['JKK', 'JKM', 'JKK']))).toBe('PROGRAM_DUPLICATE');
    });

    it('refuses unknown codes, wrong case and non-strings', () => {
      expect(errorCode(() => validateProgramSelection(['JKK', 'JKM', 'JP']))).toBe('PROGRAM_UNKNOWN');
      expect(errorCode(() => validateProgramSelection(['jkk', 'JKM']))).toBe('PROGRAM_UNKNOWN');
      expect(errorCode(() => validateProgramSelection(['JKK', 'JKM', 1]))).toBe('PROGRAM_UNKNOWN');
    });

    it('refuses something that is not a list', () => {
      expect(errorCode(() => validateProgramSelection('JKK,JKM'))).toBe('PROGRAMS_INVALID');
      expect(errorCode(() => validateProgramSelection(undefined))).toBe('PROGRAMS_INVALID');
    });

    it('names the field', () => {
      expect(() => validateProgramSelection(['JKK'])).toThrow(expect.objectContaining({ field: 'programs' }));
    });
  });
});
