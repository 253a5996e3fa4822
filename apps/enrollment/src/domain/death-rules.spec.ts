import { deathDateProblem, deathRecording, isDeathClaim } from './death-rules';

describe('death rules', () => {
  it.each([
    ['JKM', 'DEATH', true],
    ['JKK', 'DEATH', true],
    ['JHT', 'DEATH', false],
    ['JKK', 'MEDICAL', false],
    ['JKK', 'PERMANENT_TOTAL_DISABILITY', false],
    ['JHT', 'SAVINGS', false],
  ])('a paid %s %s claim establishes a death: %s', (type, kind, expected) => {
    expect(isDeathClaim({ type, kind })).toBe(expected);
  });

  it('takes a date of death from the registration day to today, both included', () => {
    expect(deathDateProblem('2026-07-01', '2026-07-01', '2026-07-15')).toBeUndefined();
    expect(deathDateProblem('2026-07-15', '2026-07-01', '2026-07-15')).toBeUndefined();
    expect(deathDateProblem('2026-07-16', '2026-07-01', '2026-07-15')).toBe('must not be after today (2026-07-15)');
    expect(deathDateProblem('2026-06-30', '2026-07-01', '2026-07-15')).toBe('must not be before the registration (2026-07-01)');
  });

  it('records a first death, ignores the same one again, and refuses another date', () => {
    expect(deathRecording(null, '2027-04-06')).toEqual({ outcome: 'RECORD' });
    expect(deathRecording('2027-04-06', '2027-04-06')).toEqual({ outcome: 'ALREADY_RECORDED' });
    expect(deathRecording('2027-04-06', '2027-04-05')).toEqual({ outcome: 'CONFLICT', recordedDiedOn: '2027-04-06' });
  });
});
