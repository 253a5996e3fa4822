import { systemClock } from '@jaring/domain';
import type { ContributionsConfig } from '../contributions.config';
import type { RunArrearsHandler } from '../run-arrears/run-arrears.handler';
import type { RunBillingHandler } from '../run-billing/run-billing.handler';
import { ContributionsSchedule } from './contributions-schedule';

describe('ContributionsSchedule', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps one timer when a hybrid app bootstraps it twice, and none after the shutdown', async () => {
    const config = { SCHEDULE_INTERVAL_MS: 60_000 } as ContributionsConfig;
    const schedule = new ContributionsSchedule({} as RunBillingHandler, {} as RunArrearsHandler, config, systemClock);

    schedule.onApplicationBootstrap();
    schedule.onApplicationBootstrap();
    expect(jest.getTimerCount()).toBe(1);

    await schedule.onApplicationShutdown();
    expect(jest.getTimerCount()).toBe(0);
  });
});
