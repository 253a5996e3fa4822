import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Clock, Period } from '@jaring/domain';
import { CLOCK, ScheduledWork } from '@jaring/platform';
import { ContributionsConfig } from '../contributions.config';
import { RunArrearsHandler } from '../run-arrears/run-arrears.handler';
import { RunBillingHandler } from '../run-billing/run-billing.handler';
import { SCHEDULED } from '../runs/run-request';

/**
 * The monthly schedule, as a simple interval check against the injected clock (no cron: a missed tick,
 * a restart or a clock that jumps a month all come to the same): each tick, if the current period's
 * billing run has not finished, it runs (resuming a crashed one: the run is idempotent); then overdue
 * invoices and lapses are evaluated as of today. Every instance may tick; the billing run's advisory
 * lock and the arrears job's SKIP LOCKED keep them from doing the same work twice.
 */
@Injectable()
export class ContributionsSchedule extends ScheduledWork {
  private readonly logger = new Logger('Schedule');

  constructor(
    private readonly billing: RunBillingHandler,
    private readonly arrears: RunArrearsHandler,
    config: ContributionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(config.SCHEDULE_INTERVAL_MS);
  }

  /** One pass of the schedule (every SCHEDULE_INTERVAL_MS). */
  async tick(): Promise<void> {
    try {
      const period = Period.current(this.clock);
      if (!(await this.billing.isDone(period))) {
        const { done } = await this.billing.start(period, SCHEDULED);
        await done;
      }
      await this.arrears.run(SCHEDULED);
    } catch (error) {
      this.logger.warn({
        message: 'scheduled work failed; next tick retries',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
