import { addLines, channelPaymentJournal, funderPaymentJournal, refundJournal } from './ledger';

const sum = (entries: Array<{ amount: number }>) => entries.reduce((a, e) => a + e.amount, 0);

describe('ledger journals', () => {
  it('posts a channel payment channel → worker → funds, balanced', () => {
    const byProgram = addLines(new Map(), [
      { program: 'JKK', amount: 5_000 },
      { program: 'JKM', amount: 3_400 },
    ]);
    addLines(byProgram, [
      { program: 'JKK', amount: 10_000 },
      { program: 'JKM', amount: 6_800 },
    ]);
    const journal = channelPaymentJournal('p1', 'BANK_BRI', 'w1', byProgram);
    expect(sum(journal.entries)).toBe(0);
    expect(journal.entries).toEqual([
      { account: 'channel:BANK_BRI', amount: 25_200 },
      { account: 'worker:w1', amount: -25_200 },
      { account: 'worker:w1', amount: 25_200 },
      { account: 'fund:JKK', amount: -15_000 },
      { account: 'fund:JKM', amount: -10_200 },
    ]);
  });

  it('posts a funder payment funder → funds, balanced', () => {
    const journal = funderPaymentJournal(
      'p2',
      'f1',
      addLines(new Map(), [
        { program: 'JKK', amount: 10_000 },
        { program: 'JKM', amount: 6_800 },
      ]),
    );
    expect(journal.entries).toEqual([
      { account: 'funder:f1', amount: 16_800 },
      { account: 'fund:JKK', amount: -10_000 },
      { account: 'fund:JKM', amount: -6_800 },
    ]);
  });

  it('refunds a part fund by fund to the account it was paid from, balanced', () => {
    const journal = refundJournal('r1', 'worker:w1', [
      { program: 'JKK', amount: 10_000 },
      { program: 'JKM', amount: 6_800 },
    ]);
    expect(journal).toEqual({
      id: 'r1',
      kind: 'REFUND',
      entries: [
        { account: 'fund:JKK', amount: 10_000 },
        { account: 'fund:JKM', amount: 6_800 },
        { account: 'worker:w1', amount: -16_800 },
      ],
    });
    expect(() => refundJournal('r2', 'funder:f1', [])).toThrow('does not balance');
  });
});
