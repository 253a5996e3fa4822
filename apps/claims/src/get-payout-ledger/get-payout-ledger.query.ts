import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rupiah } from '@jaring/platform';

export interface AccountBalance {
  account: string;
  debits: number;
  credits: number;
  /** debits - credits */
  balance: number;
}

export interface PayoutLedger {
  accounts: AccountBalance[];
  /** The balances sum to zero, as every entry debits one account and credits another by the same amount. */
  balanced: boolean;
}

/** The payouts ledger's balances per account (GET /v1/payout-ledger; see payouts/claims-ledger.ts). */
@Injectable()
export class GetPayoutLedgerQuery {
  constructor(private readonly dataSource: DataSource) {}

  async get(): Promise<PayoutLedger> {
    const rows = await this.dataSource.manager.query<Array<{ account: string; debits: string; credits: string }>>(
      `SELECT account, sum(debit)::text AS debits, sum(credit)::text AS credits FROM (
         SELECT debit_account AS account, amount AS debit, 0 AS credit FROM ledger_entries
         UNION ALL SELECT credit_account, 0, amount FROM ledger_entries) moves
       GROUP BY account ORDER BY account`,
    );
    const accounts = rows.map((r) => {
      const debits = rupiah(r.debits);
      const credits = rupiah(r.credits);
      return { account: r.account, debits, credits, balance: debits - credits };
    });
    return { accounts, balanced: accounts.reduce((sum, a) => sum + a.balance, 0) === 0 };
  }
}
