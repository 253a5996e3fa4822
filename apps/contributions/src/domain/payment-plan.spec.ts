import { Period } from '@jaring/domain';
import { planPayment, type FutureItem, type OpenItem } from './payment-plan';

const p = (s: string) => Period.parse(s);
const open: OpenItem[] = [
  { invoiceId: 'a', period: p('2026-10'), owed: 8_400 },
  { invoiceId: 'b', period: p('2026-11'), owed: 8_400 },
];
/** 2026-12 at the discounted 8,400, then 2027 at the full 16,800 (docs/rules.md: PP 50/2025 ends 2026-12 outside transport). */
const future: FutureItem[] = Array.from({ length: 12 }, (_, i) => {
  const period = p('2026-12').plusMonths(i);
  return { period, owed: period.year === 2026 ? 8_400 : 16_800 };
});

describe('planPayment', () => {
  it('settles the oldest open invoice first', () => {
    const plan = planPayment({ amount: 8_400, open, future });
    expect(plan).toMatchObject({ ok: true, monthsAhead: 0, items: [{ invoiceId: 'a', amount: 8_400 }] });
  });

  it('settles all open invoices', () => {
    const plan = planPayment({ amount: 16_800, open, future });
    expect(plan.ok && plan.items.map((i) => i.invoiceId)).toEqual(['a', 'b']);
  });

  it('pays 1, 3, 6 or 12 months ahead after the open invoices, each at its own period rate', () => {
    const one = planPayment({ amount: 16_800 + 8_400, open, future });
    expect(one).toMatchObject({ ok: true, monthsAhead: 1 });
    const three = planPayment({ amount: 16_800 + 8_400 + 16_800 * 2, open, future });
    expect(three.ok && three.items.map((i) => `${i.period.toString()}:${i.amount}`)).toEqual([
      '2026-10:8400',
      '2026-11:8400',
      '2026-12:8400',
      '2027-01:16800',
      '2027-02:16800',
    ]);
    const twelve = planPayment({ amount: 16_800 + 8_400 + 16_800 * 11, open, future });
    expect(twelve).toMatchObject({ ok: true, monthsAhead: 12 });
  });

  it('refuses an amount that settles no whole invoices, listing what would be accepted', () => {
    const plan = planPayment({ amount: 10_000, open, future });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.reason).toContain('Rp10.000 does not settle whole invoices');
    expect(plan.accepted.map((a) => a.amount)).toEqual([
      8_400,
      16_800,
      25_200,
      16_800 + 8_400 + 33_600,
      16_800 + 8_400 + 16_800 * 5,
      16_800 + 8_400 + 16_800 * 11,
    ]);
  });

  it('refuses 2 months ahead: only 1, 3, 6 or 12', () => {
    expect(planPayment({ amount: 16_800 + 8_400 + 16_800, open, future }).ok).toBe(false);
    expect(planPayment({ amount: 16_800 + 8_400 + 16_800, months: 2, open, future })).toMatchObject({
      ok: false,
      reason: 'months ahead must be 1, 3, 6 or 12, got 2',
    });
  });

  it('with months, wants the open invoices and exactly that many months', () => {
    expect(planPayment({ amount: 16_800 + 8_400, months: 1, open, future })).toMatchObject({ ok: true, monthsAhead: 1 });
    expect(planPayment({ amount: 8_400, months: 1, open, future }).ok).toBe(false);
  });

  it('refuses to reach beyond 12 months past the current period', () => {
    const short = future.slice(0, 5);
    expect(planPayment({ amount: 16_800 + 8_400 + 16_800 * 5, months: 6, open, future: short })).toMatchObject({ ok: false });
    expect(planPayment({ amount: 8_400 + 16_800 * 2, open: [], future: short })).toMatchObject({ ok: true, monthsAhead: 3 });
  });

  it('skips invoices the worker owes nothing on (a sponsor pays them)', () => {
    const sponsored: OpenItem[] = [{ invoiceId: 's', period: p('2026-10'), owed: 0 }, open[1]];
    expect(planPayment({ amount: 8_400, open: sponsored, future })).toMatchObject({ ok: true, items: [{ invoiceId: 'b' }] });
  });
});
