import { ageLimitsOn, normalizePhone, registrationAgeProblem } from './enrollment-rules';

describe('who may join (docs/rules.md)', () => {
  it('is at least 18 and below 65 on the registration date', () => {
    expect(ageLimitsOn('2026-08-01')).toMatchObject({ minimumAge: 18, ageLimit: 65 });
    expect(registrationAgeProblem('2008-08-01', '2026-08-01')).toBeUndefined(); // 18 today
    expect(registrationAgeProblem('2008-08-02', '2026-08-01')).toMatch(/at least 18.*\(17 on 2026-08-01\)/);
    expect(registrationAgeProblem('1961-08-02', '2026-08-01')).toBeUndefined(); // 64, 65 tomorrow
    expect(registrationAgeProblem('1961-08-01', '2026-08-01')).toMatch(/below 65.*\(65 on 2026-08-01\)/);
    expect(registrationAgeProblem('2026-08-02', '2026-08-01')).toBe('birthDate is in the future');
  });
});

describe('phone numbers', () => {
  it('accepts Indonesian mobile numbers in the usual spellings and stores them as +62', () => {
    expect(normalizePhone('081234567890')).toBe('+6281234567890');
    expect(normalizePhone('+62 812-3456-7890')).toBe('+6281234567890');
    expect(normalizePhone('6281234567890')).toBe('+6281234567890');
    expect(normalizePhone('0812.345.678')).toBe('+62812345678');
  });

  it('refuses landlines, foreign and short numbers', () => {
    expect(normalizePhone('0380821234')).toBeUndefined();
    expect(normalizePhone('+6591234567')).toBeUndefined();
    expect(normalizePhone('0812345')).toBeUndefined();
    expect(normalizePhone('phone')).toBeUndefined();
  });
});
