import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The payouts' double-entry ledger. Money for a batch line moves from the claims fund into
 * `payouts-reserved` when the batch is made, then, on the bank's answer, out to the claimant (paid) or
 * back to the fund (failed); a paid transfer the bank gives back comes from the claimant back to the fund
 * (returned), to be reserved again by the batch that pays the claim. Every entry debits one account and credits
 * another by the same amount, so the balances always sum to zero. Entry ids are chosen by the caller from the
 * line (`reserve:<line>`, `settle:<line>`, `release:<line>`, `return:<line>`): posting twice posts once. The
 * table is append-only.
 */
export const LEDGER_ACCOUNTS = {
  claimsFund: 'claims-fund',
  reserved: 'payouts-reserved',
  paid: 'claimants-paid',
} as const;

export interface LedgerEntry {
  id: string;
  batchId: string;
  lineId: string;
  debit: string;
  credit: string;
  amount: number;
}

@Injectable()
export class ClaimsLedger {
  /** Posts the entries not posted yet; returns how many were new. */
  async post(manager: EntityManager, entries: readonly LedgerEntry[], at: Date): Promise<number> {
    if (!entries.length) return 0;
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO ledger_entries (id, batch_id, line_id, debit_account, credit_account, amount, posted_at)
       SELECT e.*, $7::timestamptz FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[]) AS e
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        entries.map((e) => e.id),
        entries.map((e) => e.batchId),
        entries.map((e) => e.lineId),
        entries.map((e) => e.debit),
        entries.map((e) => e.credit),
        entries.map((e) => e.amount),
        at,
      ],
    );
    return rows.length;
  }
}
