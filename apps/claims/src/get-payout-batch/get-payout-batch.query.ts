import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { batchView, type PayoutBatchView } from '../payouts/payout-records';
import { PayoutsRepository } from '../payouts/payouts.repository';

/** A payout batch with its lines, their status and its record of who did what (GET /v1/payout-batches/{id}); no account numbers. */
@Injectable()
export class GetPayoutBatchQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payouts: PayoutsRepository,
  ) {}

  async get(id: string): Promise<PayoutBatchView> {
    const batch = await this.payouts.batch(this.dataSource.manager, id);
    if (!batch) throw UseCaseError.notFound(`no payout batch ${id}`);
    const manager = this.dataSource.manager;
    return batchView(batch, await this.payouts.lines(manager, id), await this.payouts.trail(manager, id));
  }
}
