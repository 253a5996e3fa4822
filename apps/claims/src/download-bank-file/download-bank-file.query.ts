import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { bankFileCsv } from '../domain/bank-file';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { ClaimantDataProtector, sealContext, type BankAccount } from '../personal-data/claimant-data-protector';

/** A batch's bank transfer file (GET /v1/payout-batches/{id}/file): the accounts opened from their seals. */
@Injectable()
export class DownloadBankFileQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payouts: PayoutsRepository,
    private readonly protector: ClaimantDataProtector,
  ) {}

  async csv(batchId: string): Promise<string> {
    const batch = await this.payouts.batch(this.dataSource.manager, batchId);
    if (!batch) throw UseCaseError.notFound(`no payout batch ${batchId}`);
    const lines = await this.payouts.lines(this.dataSource.manager, batchId);
    return bankFileCsv(
      lines.map((line) => {
        const account = this.protector.openJson<BankAccount>(line.bankAccountSealed, sealContext.payoutBankAccount(line.id));
        return {
          lineNo: line.lineNo,
          reference: line.id,
          bankCode: account.bankCode,
          accountNumber: account.accountNumber,
          accountName: account.accountName,
          amount: line.amount,
        };
      }),
    );
  }
}
