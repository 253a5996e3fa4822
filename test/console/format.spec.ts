import { calendarDate, percent, period, rupiah, wholeNumber } from '../../apps/console/src/i18n/format';

// The console writes money and dates the Indonesian way whatever its language (issue 16).
describe('console formats', () => {
  it('writes rupiah as Rp16.800: no space, dots between thousands, whole rupiah', () => {
    expect(rupiah(16_800)).toBe('Rp16.800');
    expect(rupiah(42_000_000)).toBe('Rp42.000.000');
    expect(rupiah(0)).toBe('Rp0');
    expect(rupiah(999)).toBe('Rp999');
    expect(rupiah(-8_400)).toBe('-Rp8.400');
  });

  it('writes counts with dots between thousands and percentages with a decimal comma', () => {
    expect(wholeNumber(1_250)).toBe('1.250');
    expect(wholeNumber(0)).toBe('0');
    expect(percent(42.5)).toBe('42,5%');
    expect(percent(33.33)).toBe('33,33%');
    expect(percent(0)).toBe('0%');
  });

  it('writes a calendar day as day, month, year, in the chosen language, whatever the time zone', () => {
    expect(calendarDate('2026-12-04', 'id')).toBe('4 Desember 2026');
    expect(calendarDate('2026-12-04', 'en')).toBe('4 December 2026');
    // an instant by its UTC day: the API's instants are UTC
    expect(calendarDate('2027-02-28T23:30:00Z', 'id')).toBe('28 Februari 2027');
    expect(calendarDate('not a date', 'id')).toBe('not a date');
  });

  it('writes a period as month and year', () => {
    expect(period('2026-12', 'id')).toBe('Desember 2026');
    expect(period('2027-01', 'en')).toBe('January 2027');
    expect(period('2027', 'id')).toBe('2027');
  });
});
