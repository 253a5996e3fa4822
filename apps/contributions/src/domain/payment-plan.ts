import { Money, Period } from '@jaring/domain';

/** docs/rules.md, "paying ahead": 1, 3, 6 or 12 months at once (firm). */
export const MONTHS_AHEAD_ALLOWED = [1, 3, 6, 12] as const;
/** The furthest a payment may reach: 12 months past the current period. */
export const MAX_MONTHS_BEYOND_CURRENT = 12;

export interface OpenItem {
  invoiceId: string;
  period: Period;
  /** What the worker still owes on it (the sponsor's lines excluded). */
  owed: number;
}

export interface FutureItem {
  period: Period;
  /** What the worker would owe for that period at its own rates. */
  owed: number;
}

export interface PlannedItem {
  period: Period;
  amount: number;
  /** Set for an invoice already issued; absent for a period to issue now. */
  invoiceId?: string;
}

export type PaymentPlan =
  | { ok: true; items: PlannedItem[]; monthsAhead: number }
  | { ok: false; reason: string; accepted: Array<{ amount: number; covers: string }> };

/**
 * How a payment settles whole invoices (docs/rules.md; docs/api.md "applies to the oldest open invoices first, the
 * rest pays months ahead"). Pure, so every branch is unit-tested:
 * - without `months`: the amount must be exactly the oldest k open invoices (k ≥ 1), or all of them plus
 *   1, 3, 6 or 12 periods ahead;
 * - with `months`: all open invoices plus exactly that many periods ahead (1, 3, 6 or 12);
 * - anything else is refused with the reason and the amounts that would be accepted: nothing is applied
 *   in part, since a partly paid month covers nothing.
 * `future` lists the periods that may be paid ahead, in order, already cut at the 12-month limit.
 */
export function planPayment(input: { amount: number; months?: number; open: OpenItem[]; future: FutureItem[] }): PaymentPlan {
  const open = input.open.filter((item) => item.owed > 0);
  const openTotal = sum(open.map((i) => i.owed));
  const openItems = open.map((i): PlannedItem => ({ period: i.period, amount: i.owed, invoiceId: i.invoiceId }));
  const ahead = (n: number) => input.future.slice(0, n).map((f): PlannedItem => ({ period: f.period, amount: f.owed }));
  const aheadTotal = (n: number) => sum(input.future.slice(0, n).map((f) => f.owed));
  const possibleAhead = MONTHS_AHEAD_ALLOWED.filter((n) => n <= input.future.length);

  const accepted: Array<{ amount: number; covers: string }> = [];
  if (input.months === undefined) {
    let running = 0;
    open.forEach((item, i) => {
      running += item.owed;
      accepted.push({
        amount: running,
        covers: `${i + 1} open invoice${i ? 's' : ''} (${open[0].period.toString()}..${item.period.toString()})`,
      });
    });
  }
  for (const n of input.months === undefined ? possibleAhead : possibleAhead.filter((m) => m === input.months)) {
    const covers = `${open.length ? `${open.length} open invoice${open.length > 1 ? 's' : ''} and ` : ''}${n} month${n > 1 ? 's' : ''} ahead (to ${input.future[n - 1].period.toString()})`;
    accepted.push({ amount: openTotal + aheadTotal(n), covers });
  }

  if (input.months !== undefined && !(MONTHS_AHEAD_ALLOWED as readonly number[]).includes(input.months)) {
    return { ok: false, reason: `months ahead must be 1, 3, 6 or 12, got ${input.months}`, accepted: [] };
  }
  if (input.months !== undefined && input.months > input.future.length) {
    return {
      ok: false,
      reason: `paying ${input.months} months ahead would reach beyond ${MAX_MONTHS_BEYOND_CURRENT} months past the current period`,
      accepted,
    };
  }
  const match = accepted.findIndex((a) => a.amount === input.amount);
  if (match < 0) {
    const list = accepted.map((a) => `${Money.of(a.amount).format()} for ${a.covers}`).join('; ');
    return {
      ok: false,
      reason: `${Money.of(input.amount).format()} does not settle whole invoices${list ? `: accepted amounts are ${list}` : ': nothing can be paid for this worker now'}`,
      accepted,
    };
  }
  const openCount = input.months === undefined ? open.length : 0;
  if (match < openCount) return { ok: true, items: openItems.slice(0, match + 1), monthsAhead: 0 };
  const n = input.months ?? possibleAhead[match - openCount];
  return { ok: true, items: [...openItems, ...ahead(n)], monthsAhead: n };
}

function sum(values: number[]): number {
  return Money.sum(values.map((v) => Money.of(v))).amount;
}
