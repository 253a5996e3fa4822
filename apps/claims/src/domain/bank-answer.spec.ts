import { effectOfAnswer, type BankAnswer, type LineStatus } from './bank-answer';

describe("the bank's answer to a payout line", () => {
  const table: Array<[LineStatus, BankAnswer, ReturnType<typeof effectOfAnswer>]> = [
    ['PENDING', 'PAID', 'apply'],
    ['PENDING', 'FAILED', 'apply'],
    ['PENDING', 'RETURNED', 'never-paid'],
    ['PAID', 'PAID', 'already-applied'],
    ['PAID', 'FAILED', 'contradiction'],
    ['PAID', 'RETURNED', 'apply'],
    ['FAILED', 'FAILED', 'already-applied'],
    ['FAILED', 'PAID', 'contradiction'],
    ['FAILED', 'RETURNED', 'never-paid'],
    ['RETURNED', 'RETURNED', 'already-applied'],
    // the bank's first results re-sent after the return: the line was paid once, and stays returned
    ['RETURNED', 'PAID', 'already-applied'],
    ['RETURNED', 'FAILED', 'contradiction'],
  ];

  it.each(table)('a %s line answered %s: %s', (line, answer, effect) => {
    expect(effectOfAnswer(line, answer)).toBe(effect);
  });
});
