import type { Payer } from '@jaring/domain';

/**
 * Who paid, as a worker's payments and coverage months tell it (docs/api.md): `WORKER` for the worker's own
 * payment through a channel (payer `SELF`), else the sponsor's payer, `APBD`, `APBN` or `CSR`.
 */
export const PAID_BY = ['WORKER', 'APBD', 'APBN', 'CSR'] as const;
export type PaidBy = (typeof PAID_BY)[number];

export function paidByOf(payer: Payer): PaidBy {
  return payer === 'SELF' ? 'WORKER' : payer;
}
