import { Money } from '@jaring/domain';

/**
 * The contribution ledger's accounts and postings. Double entry: every journal's entries sum to zero
 * (debit positive, credit negative). Money received sits on the account it came through (a channel, a
 * funder); what it pays for is credited to each programme's fund. A worker's own payment passes through
 * the worker's account, so the worker's contributions can be read per worker.
 */
export const LedgerAccounts = {
  channel: (channel: string) => `channel:${channel}`,
  funder: (funderId: string) => `funder:${funderId}`,
  worker: (workerId: string) => `worker:${workerId}`,
  fund: (program: string) => `fund:${program}`,
};

export interface LedgerEntry {
  account: string;
  amount: number;
}

export interface Journal {
  id: string;
  kind: 'CHANNEL_PAYMENT' | 'FUNDER_PAYMENT' | 'REFUND';
  entries: LedgerEntry[];
}

/** Per programme, what a payment pays for. */
export type ProgramAmounts = Map<string, number>;

/** A worker's payment through a channel: channel → worker → programme funds. */
export function channelPaymentJournal(paymentId: string, channel: string, workerId: string, byProgram: ProgramAmounts): Journal {
  const total = sumOf(byProgram);
  return balanced({
    id: paymentId,
    kind: 'CHANNEL_PAYMENT',
    entries: [
      { account: LedgerAccounts.channel(channel), amount: total },
      { account: LedgerAccounts.worker(workerId), amount: -total },
      { account: LedgerAccounts.worker(workerId), amount: total },
      ...fundCredits(byProgram),
    ],
  });
}

/** A funder's payment of a sponsored invoice: funder → programme funds. */
export function funderPaymentJournal(paymentId: string, funderId: string, byProgram: ProgramAmounts): Journal {
  return balanced({
    id: paymentId,
    kind: 'FUNDER_PAYMENT',
    entries: [{ account: LedgerAccounts.funder(funderId), amount: sumOf(byProgram) }, ...fundCredits(byProgram)],
  });
}

/**
 * A paid part of an invoice given back (docs/rules.md, refund): each programme's fund returns its lines to the
 * account the part was paid from: the funder's (its payment reversed), or the worker's, where it stays owed to
 * the worker's estate until claims pays it with the death claim.
 */
export function refundJournal(refundId: string, payerAccount: string, lines: Array<{ program: string; amount: number }>): Journal {
  const byProgram = addLines(new Map(), lines);
  return balanced({
    id: refundId,
    kind: 'REFUND',
    entries: [
      ...[...byProgram].map(([program, amount]) => ({ account: LedgerAccounts.fund(program), amount })),
      { account: payerAccount, amount: -sumOf(byProgram) },
    ],
  });
}

/** Adds one invoice's lines to the programme amounts. */
export function addLines(into: ProgramAmounts, lines: Array<{ program: string; amount: number }>): ProgramAmounts {
  for (const line of lines) if (line.amount > 0) into.set(line.program, (into.get(line.program) ?? 0) + line.amount);
  return into;
}

function fundCredits(byProgram: ProgramAmounts): LedgerEntry[] {
  return [...byProgram]
    .filter(([, amount]) => amount !== 0)
    .map(([program, amount]) => ({ account: LedgerAccounts.fund(program), amount: -amount }));
}

function sumOf(byProgram: ProgramAmounts): number {
  return Money.sum([...byProgram.values()].map((v) => Money.of(v))).amount;
}

/** Refuses to build a journal that does not balance or has an empty line: a bug, never data. */
function balanced(journal: Journal): Journal {
  const total = Money.sum(journal.entries.map((e) => Money.of(e.amount)));
  if (!total.isZero() || journal.entries.some((e) => e.amount === 0) || journal.entries.length < 2) {
    throw new Error(`ledger journal ${journal.id} does not balance (${total.amount})`);
  }
  return journal;
}
