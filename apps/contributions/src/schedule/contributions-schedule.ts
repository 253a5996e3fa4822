import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Clock, Period } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
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
export class ContributionsSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Schedule');
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  constructor(
    private readonly billing: RunBillingHandler,
    private readonly arrears: RunArrearsHandler,
    private readonly config: ContributionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // A hybrid app (HTTP and the Kafka transport) runs this hook twice: a second timer would tick twice as
    // often and outlive the shutdown, which clears only the last one.
    if (this.config.SCHEDULE_INTERVAL_MS <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (!this.ticking) this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, this.config.SCHEDULE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  /** One pass of the schedule; public so that it can be driven directly. */
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
