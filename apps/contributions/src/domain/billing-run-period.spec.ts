import { Period } from '@jaring/domain';
import { checkBillingRunPeriod } from './billing-run-period';

const p = (s: string) => Period.parse(s);

describe('checkBillingRunPeriod', () => {
  it('allows the current period and the next one', () => {
    expect(checkBillingRunPeriod(p('2026-11'), p('2026-11'))).toEqual({ allowed: true });
    expect(checkBillingRunPeriod(p('2026-12'), p('2026-11'))).toEqual({ allowed: true });
  });

  it('allows the next period across a year end', () => {
    expect(checkBillingRunPeriod(p('2027-01'), p('2026-12'))).toEqual({ allowed: true });
  });

  it('refuses a past period, naming what is allowed', () => {
    expect(checkBillingRunPeriod(p('2026-10'), p('2026-11'))).toEqual({
      allowed: false,
      reason: 'a past period: only 2026-11 (the current period) or 2026-12 (the next) may be billed',
    });
  });

  it('refuses a period two months ahead or more', () => {
    expect(checkBillingRunPeriod(p('2027-01'), p('2026-11'))).toEqual({
      allowed: false,
      reason: 'a period too far ahead: only 2026-11 (the current period) or 2026-12 (the next) may be billed',
    });
    expect(checkBillingRunPeriod(p('2099-12'), p('2026-11'))).toMatchObject({ allowed: false });
  });

  it('refuses the same month of another year', () => {
    expect(checkBillingRunPeriod(p('2025-11'), p('2026-11'))).toMatchObject({ allowed: false });
    expect(checkBillingRunPeriod(p('2027-11'), p('2026-11'))).toMatchObject({ allowed: false });
  });
});
