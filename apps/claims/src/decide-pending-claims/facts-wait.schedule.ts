import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledWork } from '@jaring/platform';
import { PendingClaims } from '../claim-decisions/pending-claims';
import { ClaimsConfig } from '../claims.config';

/** Claims decided per transaction: a long outage's backlog is worked through in short transactions. */
const BATCH = 200;

/**
 * The bounded wait for facts (docs/rules.md, "Claims wait for their facts"): on the schedule
 * (SCHEDULE_INTERVAL_MS), claims still PENDING_FACTS CLAIM_FACTS_WAIT_HOURS after they were submitted (by the
 * service's clock) are decided on what the read models hold. Every replica may tick: the claims are locked
 * with SKIP LOCKED, and a claim decided is no longer pending.
 */
@Injectable()
export class FactsWaitSchedule extends ScheduledWork {
  private readonly logger = new Logger('FactsWait');

  constructor(
    private readonly dataSource: DataSource,
    private readonly pending: PendingClaims,
    private readonly config: ClaimsConfig,
  ) {
    super(config.SCHEDULE_INTERVAL_MS);
  }

  /** Decides every claim whose wait is over; how many. Public so that it can be driven directly. */
  async decideWaitOver(): Promise<number> {
    let decided = 0;
    for (;;) {
      const count = await this.dataSource.transaction((manager) =>
        this.pending.waitOver(manager, this.config.CLAIM_FACTS_WAIT_HOURS, BATCH),
      );
      decided += count;
      if (count < BATCH) return decided;
    }
  }

  /** The schedule's pass: a failure is tried again at the next. */
  async tick(): Promise<void> {
    try {
      const decided = await this.decideWaitOver();
      if (decided) this.logger.log({ message: 'claims decided after the wait for their facts', decided });
    } catch (error) {
      this.logger.warn({ message: 'deciding claims after the wait failed; the next tick retries', error: (error as Error).message });
    }
  }
}
