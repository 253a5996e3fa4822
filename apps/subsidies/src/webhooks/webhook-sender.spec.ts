import type { DataSource } from 'typeorm';
import type { SubsidiesConfig } from '../subsidies.config';
import { WebhookSender } from './webhook-sender';

describe('WebhookSender', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs one chain of rounds when a hybrid app bootstraps it twice, and none after the shutdown', async () => {
    const sender = new WebhookSender({} as DataSource, { WEBHOOK_POLL_MS: 1000 } as SubsidiesConfig);

    sender.onApplicationBootstrap();
    sender.onApplicationBootstrap();
    expect(jest.getTimerCount()).toBe(1);

    await sender.beforeApplicationShutdown();
    expect(jest.getTimerCount()).toBe(0);
  });
});
