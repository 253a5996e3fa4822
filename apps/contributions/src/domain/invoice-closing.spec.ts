import { Period } from '@jaring/domain';
import { closingOf, invoiceOnEnd, isClosingReason, paidParts } from './invoice-closing';

describe('closing an invoice that can no longer be paid (docs/rules.md, refunds)', () => {
  const lines = [
    { program: 'JKK', amount: 10_000 },
    { program: 'JKM', amount: 6_800 },
    { program: 'JHT', amount: 20_000 },
  ];
  const sponsored = { lines, sponsoredPrograms: ['JKK', 'JKM'] };

  it('voids an invoice nothing was paid on', () => {
    expect(closingOf({ ...sponsored, workerPaid: 0, sponsorPaid: 0 })).toEqual({ action: 'VOID' });
  });

  it("gives the sponsor back its part when the worker's part was never paid", () => {
    expect(closingOf({ ...sponsored, workerPaid: 0, sponsorPaid: 16_800 })).toEqual({
      action: 'REFUND',
      parts: [{ part: 'SPONSOR', amount: 16_800, lines: lines.slice(0, 2) }],
    });
  });

  it("gives the worker back his own part when the sponsor's was never paid", () => {
    expect(closingOf({ ...sponsored, workerPaid: 20_000, sponsorPaid: 0 })).toEqual({
      action: 'REFUND',
      parts: [{ part: 'WORKER', amount: 20_000, lines: [lines[2]] }],
    });
  });

  it('gives each payer its own part, the worker first, on an invoice paid whole', () => {
    expect(closingOf({ ...sponsored, workerPaid: 20_000, sponsorPaid: 16_800 })).toEqual({
      action: 'REFUND',
      parts: [
        { part: 'WORKER', amount: 20_000, lines: [lines[2]] },
        { part: 'SPONSOR', amount: 16_800, lines: lines.slice(0, 2) },
      ],
    });
  });

  describe('which months the end of a membership closes', () => {
    const invoice = (period: string, status: string, workerPaid = 20_000, sponsorPaid = 16_800) => ({
      ...sponsored,
      period,
      status,
      workerPaid,
      sponsorPaid,
    });
    const died = { reason: 'WORKER_DIED' as const, lastMonth: Period.parse('2026-11') };
    const left = { reason: 'DEREGISTERED' as const, lastMonth: Period.parse('2026-11') };
    const lapsed = { reason: 'LAPSED' as const };

    it('after a death: the later months, open or paid; the month of death and before stay, open ones for the sponsor to pay', () => {
      expect(invoiceOnEnd(invoice('2026-11', 'PAID'), died)).toEqual({ action: 'KEEP' });
      expect(invoiceOnEnd(invoice('2026-11', 'ISSUED', 0, 0), died)).toEqual({ action: 'KEEP' });
      expect(invoiceOnEnd(invoice('2026-10', 'OVERDUE', 0, 16_800), died)).toEqual({ action: 'KEEP' });
      expect(invoiceOnEnd(invoice('2026-12', 'PAID'), died)).toMatchObject({ action: 'REFUND' });
      expect(invoiceOnEnd(invoice('2026-12', 'ISSUED', 0, 16_800), died)).toMatchObject({ action: 'REFUND' });
      expect(invoiceOnEnd(invoice('2027-01', 'ISSUED', 0, 0), died)).toEqual({ action: 'VOID' });
    });

    it('after a leaving: the later paid months and every open month, which nobody can pay any more', () => {
      expect(invoiceOnEnd(invoice('2026-11', 'PAID'), left)).toEqual({ action: 'KEEP' });
      expect(invoiceOnEnd(invoice('2026-10', 'OVERDUE', 0, 16_800), left)).toEqual({
        action: 'REFUND',
        parts: [{ part: 'SPONSOR', amount: 16_800, lines: lines.slice(0, 2) }],
      });
      expect(invoiceOnEnd(invoice('2026-11', 'ISSUED', 0, 0), left)).toEqual({ action: 'VOID' });
      expect(invoiceOnEnd(invoice('2026-12', 'PAID'), left)).toMatchObject({ action: 'REFUND' });
      expect(invoiceOnEnd(invoice('2027-01', 'ISSUED', 0, 0), left)).toEqual({ action: 'VOID' });
    });

    it('at a lapse: every open month, whatever its period; a paid month stays paid', () => {
      expect(invoiceOnEnd(invoice('2026-10', 'PAID'), lapsed)).toEqual({ action: 'KEEP' });
      expect(invoiceOnEnd(invoice('2026-11', 'OVERDUE', 0, 16_800), lapsed)).toMatchObject({ action: 'REFUND' });
      expect(invoiceOnEnd(invoice('2027-01', 'ISSUED', 0, 0), lapsed)).toEqual({ action: 'VOID' });
    });

    it('leaves a month already closed alone: the same end told twice changes nothing', () => {
      for (const status of ['VOID', 'REFUNDED']) {
        for (const end of [died, left, lapsed]) expect(invoiceOnEnd(invoice('2026-12', status), end)).toEqual({ action: 'KEEP' });
      }
    });

    it("knows an end's reasons from a replaced invoice's", () => {
      expect(['WORKER_DIED', 'DEREGISTERED', 'LAPSED'].every(isClosingReason)).toBe(true);
      expect(isClosingReason('SPONSORED')).toBe(false);
      expect(isClosingReason(null)).toBe(false);
    });
  });

  it('refuses a part that is not its lines whole (a bug, never data)', () => {
    expect(() => paidParts({ ...sponsored, workerPaid: 5_000, sponsorPaid: 0 })).toThrow(
      "the worker's part paid 5000, not its lines' 20000",
    );
  });
});
