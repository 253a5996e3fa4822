import { errorCode } from '../test/error-code';
import { AdjustableClock, systemClock, todayOf } from './clock';

describe('clocks', () => {
  it('the system clock tells the real time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  describe('AdjustableClock', () => {
    it('stands still until moved', () => {
      const clock = new AdjustableClock('2026-01-15T08:00:00Z');
      expect(clock.now().toISOString()).toBe('2026-01-15T08:00:00.000Z');
      expect(clock.now().toISOString()).toBe('2026-01-15T08:00:00.000Z');
      expect(todayOf(clock)).toBe('2026-01-15');
    });

    it('hands out copies, so a caller cannot move it', () => {
      const clock = new AdjustableClock('2026-01-15T08:00:00Z');
      clock.now().setUTCFullYear(1999);
      expect(clock.now().toISOString()).toBe('2026-01-15T08:00:00.000Z');
    });

    it('is set and advanced by days and milliseconds', () => {
      const clock = new AdjustableClock(new Date('2026-01-15T08:00:00Z'));
      expect(clock.advanceDays(17).now().toISOString()).toBe('2026-02-01T08:00:00.000Z');
      expect(clock.advanceDays(-1).now().toISOString()).toBe('2026-01-31T08:00:00.000Z');
      expect(clock.advanceMs(60_000).now().toISOString()).toBe('2026-01-31T08:01:00.000Z');
      expect(clock.set('2027-03-01').now().toISOString()).toBe('2027-03-01T00:00:00.000Z');
    });

    it('advances by calendar months, clamping to the end of shorter months', () => {
      const clock = new AdjustableClock('2026-01-31T10:00:00Z');
      expect(clock.advanceMonths(1).now().toISOString()).toBe('2026-02-28T10:00:00.000Z');
      expect(new AdjustableClock('2024-01-31T00:00:00Z').advanceMonths(1).now().toISOString()).toBe('2024-02-29T00:00:00.000Z');
      expect(new AdjustableClock('2026-11-15T00:00:00Z').advanceMonths(2).now().toISOString()).toBe('2027-01-15T00:00:00.000Z');
      expect(new AdjustableClock('2026-03-31T00:00:00Z').advanceMonths(-1).now().toISOString()).toBe('2026-02-28T00:00:00.000Z');
      expect(new AdjustableClock('2026-05-15T00:00:00Z').advanceMonths(12).now().toISOString()).toBe('2027-05-15T00:00:00.000Z');
    });

    it('refuses ambiguous or invalid instants and fractional steps', () => {
      expect(errorCode(() => new AdjustableClock('2026-01-15T08:00:00'))).toBe('DATE_FORMAT');
      expect(errorCode(() => new AdjustableClock('2026-02-30'))).toBe('DATE_INVALID');
      expect(errorCode(() => new AdjustableClock(new Date('x')))).toBe('DATE_INVALID');
      const clock = new AdjustableClock('2026-01-15');
      expect(errorCode(() => clock.advanceDays(1.5))).toBe('CLOCK_INVALID');
      expect(errorCode(() => clock.advanceMonths(0.5))).toBe('CLOCK_INVALID');
      expect(errorCode(() => clock.advanceMs(Number.NaN))).toBe('CLOCK_INVALID');
    });
  });
});
