import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * Work a service does every so often, as a provider that extends this class and says what one `tick` does.
 * A schedule without cron: each tick looks at the clock and the database, so a missed tick, a restart or a
 * clock that jumps all come to the same. One tick at a time: a tick still running when the next is due is
 * not doubled. A hybrid app (HTTP and the Kafka transport) runs the bootstrap hook twice: one timer. The
 * shutdown waits for the tick in flight; the timer does not keep the process alive.
 */
export abstract class ScheduledWork implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  /** `everyMs` 0 or less: never (tests drive the work themselves). */
  protected constructor(private readonly everyMs: number) {}

  /** One pass of the work; public so that it can be driven directly. */
  abstract tick(): Promise<void>;

  onApplicationBootstrap(): void {
    if (this.everyMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.ticking ??= this.tick().finally(() => (this.ticking = undefined));
    }, this.everyMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }
}
