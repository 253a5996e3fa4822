import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError, type Clock } from '@jaring/domain';
import { CLOCK, type Caller } from '@jaring/platform';
import { bankFileCsv } from '../domain/bank-file';
import { PayoutsRepository } from '../payouts/payouts.repository';
import { ClaimantDataProtector, sealContext, type BankAccount } from '../personal-data/claimant-data-protector';

/**
 * A batch's bank transfer file (GET /v1/payout-batches/{id}/file): the accounts opened from their seals. Each
 * download is written into the batch's own record (who, when, the file's SHA-256 and control total), so the file
 * the bank received can be matched to the one Jaring gave out. The batch's maker may download it: the file only
 * repeats the accounts that verifiers and approvers fixed, and the four eyes that matter come after, when another
 * person imports the bank's results (docs/rules.md, "Four eyes").
 */
@Injectable()
export class DownloadBankFileHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payouts: PayoutsRepository,
    private readonly protector: ClaimantDataProtector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  csv(batchId: string, caller: Caller): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const batch = await this.payouts.batch(manager, batchId);
      if (!batch) throw UseCaseError.notFound(`no payout batch ${batchId}`);
      const lines = await this.payouts.lines(manager, batchId);
      const csv = bankFileCsv(
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
      await this.payouts.appendTrail(manager, batchId, this.clock.now(), caller, 'FILE_DOWNLOADED', {
        sha256: createHash('sha256').update(csv).digest('hex'),
        lineCount: lines.length,
        total: lines.reduce((sum, line) => sum + line.amount, 0),
      });
      return csv;
    });
  }
}
