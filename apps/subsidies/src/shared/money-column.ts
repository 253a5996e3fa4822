/**
 * node-pg returns bigint columns as strings. Money is integer rupiah, so convert with a check that the
 * figure is a safe integer rather than trusting Number() to be exact.
 */
export function rupiah(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const amount = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(amount)) throw new Error(`amount ${String(value)} is not a safe integer of rupiah`);
  return amount;
}
