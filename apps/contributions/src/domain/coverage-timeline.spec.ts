import { Period } from '@jaring/domain';
import { coverageTimeline, timelineRange } from './coverage-timeline';

const p = (period: string) => Period.parse(period);
const range = (from: string, to: string) => ({ from: p(from), to: p(to) });
const printed = (answer: ReturnType<typeof timelineRange>) =>
  'errors' in answer ? answer : { from: answer.from.toString(), to: answer.to.toString() };

describe('the months of a coverage timeline', () => {
  const current = p('2026-11');

  it('are by default the year up to the current period, from the membership start when later', () => {
    expect(printed(timelineRange({}, current, p('2024-03')))).toEqual({ from: '2025-12', to: '2026-11' });
    expect(printed(timelineRange({}, current, p('2026-07')))).toEqual({ from: '2026-07', to: '2026-11' });
    expect(printed(timelineRange({ to: '2027-02' }, current, p('2026-07')))).toEqual({ from: '2026-07', to: '2027-02' });
    // a `to` before the membership: that month alone
    expect(printed(timelineRange({ to: '2026-01' }, current, p('2026-07')))).toEqual({ from: '2026-01', to: '2026-01' });
  });

  it('take from and to as asked, up to 36 months', () => {
    expect(printed(timelineRange({ from: '2024-01' }, current, p('2026-07')))).toEqual({ from: '2024-01', to: '2026-11' });
    expect(printed(timelineRange({ from: '2023-12', to: '2026-11' }, current, p('2026-07')))).toEqual({ from: '2023-12', to: '2026-11' });
    expect(timelineRange({ from: '2023-11', to: '2026-11' }, current, p('2026-07'))).toEqual({
      errors: [{ field: 'from', reason: 'from must be at most 36 months up to to (2026-11)' }],
    });
    expect(timelineRange({ from: '2026-12' }, current, p('2026-07'))).toEqual({
      errors: [{ field: 'from', reason: 'from must not be after to (2026-11)' }],
    });
  });
});

describe('a coverage timeline', () => {
  const at = (instant: string) => new Date(instant);
  const invoices = [
    { id: 'nov-self', period: '2026-11', status: 'VOID', amount: 8_400, issuedAt: at('2026-11-01T00:00:00Z') },
    { id: 'nov', period: '2026-11', status: 'PAID', amount: 28_400, issuedAt: at('2026-11-02T00:00:00Z') },
    { id: 'dec', period: '2026-12', status: 'OVERDUE', amount: 28_400, issuedAt: at('2026-12-01T00:00:00Z') },
    { id: 'jan-1', period: '2027-01', status: 'VOID', amount: 28_400, issuedAt: at('2027-01-01T00:00:00Z') },
    { id: 'jan-2', period: '2027-01', status: 'VOID', amount: 36_800, issuedAt: at('2027-01-02T00:00:00Z') },
  ];
  const parts = [
    { invoiceId: 'nov', payer: 'CSR' as const, sponsorshipId: 's1', amount: 8_400, firstReceivedAt: at('2026-11-10T00:00:00Z') },
    { invoiceId: 'nov', payer: 'WORKER' as const, sponsorshipId: null, amount: 20_000, firstReceivedAt: at('2026-11-03T00:00:00Z') },
  ];

  it('tells each month: covered, its invoice, and who paid what, in the order they paid', () => {
    expect(coverageTimeline(range('2026-10', '2027-02'), invoices, parts, null)).toEqual([
      { period: '2026-10', covered: false, invoiceStatus: null, amount: null, paidBy: [] },
      {
        period: '2026-11',
        covered: true,
        invoiceStatus: 'PAID',
        amount: 28_400,
        paidBy: [
          { payer: 'WORKER', amount: 20_000 },
          { payer: 'CSR', amount: 8_400, sponsorshipId: 's1' },
        ],
      },
      { period: '2026-12', covered: false, invoiceStatus: 'OVERDUE', amount: 28_400, paidBy: [] },
      { period: '2027-01', covered: false, invoiceStatus: 'VOID', amount: 36_800, paidBy: [] },
      { period: '2027-02', covered: false, invoiceStatus: null, amount: null, paidBy: [] },
    ]);
  });

  it('does not count a paid month wholly covered when the membership ended before its last day', () => {
    const november = (deregisteredOn: string) => coverageTimeline(range('2026-11', '2026-11'), invoices, parts, deregisteredOn)[0].covered;
    expect(november('2026-11-20')).toBe(false);
    expect(november('2026-11-30')).toBe(true);
    expect(november('2026-12-05')).toBe(true);
  });
});
