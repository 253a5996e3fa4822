import { iso7064Mod1110CheckDigit, isValidMembershipNumber, membershipNumberFor } from './membership-number';

describe('membership number (11 digits, ISO/IEC 7064 MOD 11,10 check digit)', () => {
  it('computes the published check digit of a Croatian OIB, which uses the same system', () => {
    // 69435151530 is the example OIB of the Croatian tax administration.
    expect(iso7064Mod1110CheckDigit('6943515153')).toBe(0);
    expect(isValidMembershipNumber('69435151530')).toBe(true);
  });

  it('is 10 serial digits and the check digit', () => {
    const number = membershipNumberFor(1_000_000_001);
    expect(number).toMatch(/^1000000001\d$/);
    expect(isValidMembershipNumber(number)).toBe(true);
    expect(() => membershipNumberFor(999_999_999)).toThrow(/out of range/);
    expect(() => membershipNumberFor(10_000_000_000)).toThrow(/out of range/);
  });

  it('catches every single-digit mistake and every swap of adjacent digits', () => {
    for (const serial of [1_000_000_000, 1_234_567_890, 9_876_543_210, 5_300_001_234]) {
      const number = membershipNumberFor(serial);
      for (let i = 0; i < 11; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === number[i]) continue;
          expect(isValidMembershipNumber(number.slice(0, i) + d + number.slice(i + 1))).toBe(false);
        }
        if (i < 10 && number[i] !== number[i + 1]) {
          expect(isValidMembershipNumber(number.slice(0, i) + number[i + 1] + number[i] + number.slice(i + 2))).toBe(false);
        }
      }
    }
  });

  it('refuses what is not 11 digits', () => {
    expect(isValidMembershipNumber('6943515153')).toBe(false);
    expect(isValidMembershipNumber('6943515153a')).toBe(false);
    expect(isValidMembershipNumber(69435151530)).toBe(false);
  });
});
