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
    const leftIn = { lastMonth: Period.parse('2026-11') };

    it('after a death or a leaving: the later months, open or paid; the last month and those before it are kept', () => {
      expect(invoiceOnEnd(invoice('2026-11', 'PAID'), leftIn)).toEqual({ action: 'KEEP' });
      expect(invoiceOnEnd(invoice('2026-10', 'OVERDUE', 0, 0), leftIn)).toEqual({ action: 'KEEP' });
      expect(invoiceOnEnd(invoice('2026-12', 'PAID'), leftIn)).toMatchObject({ action: 'REFUND' });
      expect(invoiceOnEnd(invoice('2026-12', 'ISSUED', 0, 16_800), leftIn)).toMatchObject({ action: 'REFUND' });
      expect(invoiceOnEnd(invoice('2027-01', 'ISSUED', 0, 0), leftIn)).toEqual({ action: 'VOID' });
    });

    it('at a lapse: every open month, whatever its period; a paid month stays paid', () => {
      expect(invoiceOnEnd(invoice('2026-10', 'PAID'), { lapsed: true })).toEqual({ action: 'KEEP' });
      expect(invoiceOnEnd(invoice('2026-11', 'OVERDUE', 0, 16_800), { lapsed: true })).toMatchObject({ action: 'REFUND' });
      expect(invoiceOnEnd(invoice('2027-01', 'ISSUED', 0, 0), { lapsed: true })).toEqual({ action: 'VOID' });
    });

    it('leaves a month already closed alone: the same end told twice changes nothing', () => {
      for (const status of ['VOID', 'REFUNDED']) {
        expect(invoiceOnEnd(invoice('2026-12', status), leftIn)).toEqual({ action: 'KEEP' });
        expect(invoiceOnEnd(invoice('2026-12', status), { lapsed: true })).toEqual({ action: 'KEEP' });
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
