import { closingOf, paidParts } from './invoice-closing';

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

  it('refuses a part that is not its lines whole (a bug, never data)', () => {
    expect(() => paidParts({ ...sponsored, workerPaid: 5_000, sponsorPaid: 0 })).toThrow(
      "the worker's part paid 5000, not its lines' 20000",
    );
  });
});
