/** What the bank may say of a line: paid, failed (never paid), or returned after it was reported paid. */
export type BankAnswer = 'PAID' | 'FAILED' | 'RETURNED';
export type LineStatus = 'PENDING' | BankAnswer;

/**
 * What a bank answer does to a line in this status:
 * - `apply`: PENDING → PAID or FAILED; PAID → RETURNED;
 * - `already-applied`: the line already says so, or the answer is the bank's earlier one re-sent (PAID for a line
 *   since RETURNED): nothing is paid or reversed twice;
 * - `never-paid`: RETURNED for a line the bank never reported paid (PENDING or FAILED);
 * - `contradiction`: any other answer against an earlier one (FAILED for a paid line, PAID for a failed one).
 */
export type AnswerEffect = 'apply' | 'already-applied' | 'never-paid' | 'contradiction';

export function effectOfAnswer(line: LineStatus, answer: BankAnswer): AnswerEffect {
  if (answer === 'RETURNED') {
    if (line === 'PAID') return 'apply';
    return line === 'RETURNED' ? 'already-applied' : 'never-paid';
  }
  if (line === 'PENDING') return 'apply';
  if (line === answer || (line === 'RETURNED' && answer === 'PAID')) return 'already-applied';
  return 'contradiction';
}
