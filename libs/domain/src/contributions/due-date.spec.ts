import { Period } from '../period';
import { dueDateOf, isWorkingDay } from './due-date';
import { payerOfFunderType } from './payers';

describe('due date (docs/rules.md: the 15th, or the next working day)', () => {
  it('is the 15th when that is a working day', () => {
    expect(dueDateOf(Period.parse('2026-01'))).toBe('2026-01-15'); // a Thursday
    expect(dueDateOf(Period.parse('2026-04'))).toBe('2026-04-15'); // a Wednesday
  });

  it('moves past a weekend to the Monday', () => {
    expect(dueDateOf(Period.parse('2026-11'))).toBe('2026-11-16'); // 15 November 2026 is a Sunday
    expect(dueDateOf(Period.parse('2026-08'))).toBe('2026-08-18'); // Sat 15, Sun 16, Mon 17 is Independence Day
  });

  it('moves past a listed holiday', () => {
    expect(dueDateOf(Period.parse('2030-01'), ['2030-01-15'])).toBe('2030-01-16');
  });

  it('knows the weekdays', () => {
    expect(isWorkingDay('2026-11-13')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-25')).toBe(false); // Christmas, a Friday
  });
});

describe('payers of funder types', () => {
  it('maps both APBD levels to APBD', () => {
    expect(payerOfFunderType('APBD_PROVINCE')).toBe('APBD');
    expect(payerOfFunderType('APBD_REGENCY')).toBe('APBD');
    expect(payerOfFunderType('APBN')).toBe('APBN');
    expect(payerOfFunderType('CSR')).toBe('CSR');
  });
});
