import { invoiceOnDeath, isAfterDeath, lastMonthOfLife } from './death-rules';

describe('death rules (docs/rules.md, refund)', () => {
  const lines = [
    { program: 'JKK', amount: 10_000 },
    { program: 'JKM', amount: 6_800 },
    { program: 'JHT', amount: 20_000 },
  ];
  const invoice = (period: string, over: Partial<Parameters<typeof invoiceOnDeath>[0]> = {}) => ({
    period,
    status: 'PAID',
    lines,
    sponsoredPrograms: ['JKK', 'JKM'],
    workerPaid: 20_000,
    sponsorPaid: 16_800,
    ...over,
  });

  it('ends the membership with the month of death, whatever the day', () => {
    expect(lastMonthOfLife('2027-01-01').toString()).toBe('2027-01');
    expect(lastMonthOfLife('2027-01-31').toString()).toBe('2027-01');
    expect(isAfterDeath('2027-01', '2027-01-14')).toBe(false);
    expect(isAfterDeath('2026-12', '2027-01-14')).toBe(false);
    expect(isAfterDeath('2027-02', '2027-01-14')).toBe(true);
    expect(isAfterDeath('2027-02', '2027-01-31')).toBe(true);
  });

  it('keeps the month of death and the months before it, paid or not', () => {
    expect(invoiceOnDeath(invoice('2027-01'), '2027-01-14')).toEqual({ action: 'KEEP' });
    expect(invoiceOnDeath(invoice('2026-12', { status: 'OVERDUE', workerPaid: 0, sponsorPaid: 0 }), '2027-01-14')).toEqual({
      action: 'KEEP',
    });
  });

  it('voids a later invoice nothing was paid on', () => {
    expect(invoiceOnDeath(invoice('2027-02', { status: 'ISSUED', workerPaid: 0, sponsorPaid: 0 }), '2027-01-14')).toEqual({
      action: 'VOID',
    });
    expect(invoiceOnDeath(invoice('2027-03', { status: 'OVERDUE', workerPaid: 0, sponsorPaid: 0 }), '2027-01-14')).toEqual({
      action: 'VOID',
    });
  });

  it('refunds each payer its own part of a later paid invoice, with its lines', () => {
    expect(invoiceOnDeath(invoice('2027-02'), '2027-01-14')).toEqual({
      action: 'REFUND',
      parts: [
        { part: 'WORKER', amount: 20_000, lines: [{ program: 'JHT', amount: 20_000 }] },
        {
          part: 'SPONSOR',
          amount: 16_800,
          lines: [
            { program: 'JKK', amount: 10_000 },
            { program: 'JKM', amount: 6_800 },
          ],
        },
      ],
    });
  });

  it('refunds the part paid of a later invoice only partly paid (the sponsor paid, the worker not yet)', () => {
    expect(invoiceOnDeath(invoice('2027-02', { status: 'ISSUED', workerPaid: 0 }), '2027-01-14')).toEqual({
      action: 'REFUND',
      parts: [
        {
          part: 'SPONSOR',
          amount: 16_800,
          lines: [
            { program: 'JKK', amount: 10_000 },
            { program: 'JKM', amount: 6_800 },
          ],
        },
      ],
    });
  });

  it('refunds a worker who paid an unsponsored invoice the whole of it', () => {
    const own = invoice('2027-04', { sponsoredPrograms: [], workerPaid: 36_800, sponsorPaid: 0 });
    expect(invoiceOnDeath(own, '2027-01-14')).toEqual({ action: 'REFUND', parts: [{ part: 'WORKER', amount: 36_800, lines }] });
  });

  it('leaves an invoice already voided or refunded alone (a second death record changes nothing)', () => {
    expect(invoiceOnDeath(invoice('2027-02', { status: 'VOID', workerPaid: 0, sponsorPaid: 0 }), '2027-01-14')).toEqual({ action: 'KEEP' });
    expect(invoiceOnDeath(invoice('2027-02', { status: 'REFUNDED' }), '2027-01-14')).toEqual({ action: 'KEEP' });
  });
});
