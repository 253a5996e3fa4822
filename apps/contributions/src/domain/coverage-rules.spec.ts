import { Period } from '@jaring/domain';
import { arrearsPayableUntil, lapseDateOf, paidUntilOf } from './coverage-rules';

const p = (s: string) => Period.parse(s);

describe('coverage rules (docs/rules.md: arrears at most 3 months from the end of coverage; more than 3 unpaid months lapse)', () => {
  it('paid through 2026-11: December, January and February may still be paid; lapse on 1 March 2027', () => {
    expect(paidUntilOf(p('2026-11'))).toBe('2026-11-30');
    expect(arrearsPayableUntil(p('2026-11'), p('2026-11'))).toBe('2027-02-28');
    expect(lapseDateOf(p('2026-11'), p('2026-11'))).toBe('2027-03-01');
  });

  it('never paid since 2026-11: lapse on 1 February 2027 (November, December, January unpaid)', () => {
    expect(paidUntilOf(null)).toBeNull();
    expect(lapseDateOf(p('2026-11'), null)).toBe('2027-02-01');
  });

  it('ignores payments from before a re-joining (coverage never reaches back over an unpaid period)', () => {
    expect(lapseDateOf(p('2027-06'), p('2026-11'))).toBe('2027-09-01');
  });
});
