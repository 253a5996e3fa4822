import type { Journal } from '../domain/ledger';

/**
 * Journals are written one row each, their lines as two arrays in line order (`accounts`, `amounts`); the
 * table's CHECK refuses a journal whose lines do not sum to zero (migration PackedJournals). The view
 * `ledger_entries` reads them back a line a row.
 *
 * Why one row: a payment's 3 to 5 lines were as many rows (and index entries) again, the largest share of
 * what a worker's month wrote; the lines are only ever written and read with their journal.
 */

/** A batch of journals as four flat columns of lines (journal id, line, account, amount), for `unnest`. */
export function journalLineColumns(journals: Journal[]): [string[], number[], string[], number[]] {
  const lines = journals.flatMap((journal) => journal.entries.map((entry, line) => ({ journal: journal.id, line, ...entry })));
  return [lines.map((l) => l.journal), lines.map((l) => l.line), lines.map((l) => l.account), lines.map((l) => l.amount)];
}

/**
 * The INSERT of a batch of journals: `journals` is a FROM item with columns (id, kind), `postedAt` a
 * timestamptz expression, `lines` the four placeholders of `journalLineColumns`' arrays, in its order.
 */
export function insertJournalsSql(journals: string, postedAt: string, lines: [string, string, string, string]): string {
  const [journal, line, account, amount] = lines;
  return `INSERT INTO ledger_journals (id, kind, posted_at, accounts, amounts)
     SELECT j.id, j.kind, ${postedAt}, array_agg(e.account ORDER BY e.line), array_agg(e.amount ORDER BY e.line)
       FROM ${journals}
       JOIN unnest(${journal}::uuid[], ${line}::int[], ${account}::text[], ${amount}::bigint[]) AS e(journal_id, line, account, amount) ON e.journal_id = j.id
      GROUP BY j.id, j.kind`;
}
