import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContributionRefundedV1, EventEnvelope } from '@jaring/contracts';
import type { Clock } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
import { ContributionRefundsRepository } from '../contribution-refunds/contribution-refunds.repository';

/**
 * The worker's own contributions refunded (payer SELF: after the death, or a month a lapse closed part-paid) are
 * owed to the death claim's payee (docs/rules.md, refunds): recorded once per refund id (the inbox drops a redelivered event; the key drops a
 * re-sent refund), whether or not a death claim exists yet. The next payout batch pays them with the claim,
 * or on a line of their own once it is paid. A sponsor's part is not ours: subsidies credits it to its budget.
 */
@Injectable()
export class OweContributionRefundHandler {
  constructor(
    private readonly refunds: ContributionRefundsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async owe(manager: EntityManager, events: ReadonlyArray<EventEnvelope<ContributionRefundedV1>>): Promise<void> {
    const own = events.filter((e) => e.data.payer === 'SELF').map((e) => e.data);
    await this.refunds.record(manager, own, this.clock.now());
  }
}
