/**
 * SQL for an account (aliased `a`) whose membership ended after the month `lastMonth` (a parameter such as
 * `$3`): its `paid_through` cut back to the newest month up to it that is paid whole. The months after it are
 * refunded when the membership ends (`MonthClosings`), so they no longer count as paid.
 */
export function paidThroughUpTo(lastMonth: string): string {
  return `CASE WHEN a.paid_through > ${lastMonth} THEN
            (SELECT max(period) FROM invoices i WHERE i.worker_id = a.worker_id AND i.status = 'PAID' AND i.period BETWEEN a.billing_from AND ${lastMonth})
            ELSE a.paid_through END`;
}
