import { ScheduledWork } from './scheduled-work';

class Counted extends ScheduledWork {
  ticks = 0;
  running = 0;
  finish: () => void = () => undefined;

  constructor(everyMs: number) {
    super(everyMs);
  }

  tick(): Promise<void> {
    this.ticks++;
    this.running++;
    return new Promise<void>((resolve) => (this.finish = resolve)).finally(() => this.running--);
  }
}

describe('ScheduledWork', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('ticks every interval, one tick at a time, with one timer however often it is bootstrapped, and none after the shutdown', async () => {
    const work = new Counted(1000);
    work.onApplicationBootstrap();
    work.onApplicationBootstrap();
    expect(jest.getTimerCount()).toBe(1);

    jest.advanceTimersByTime(1000);
    jest.advanceTimersByTime(1000); // the first tick still runs: not doubled
    expect([work.ticks, work.running]).toEqual([1, 1]);
    work.finish();
    await jest.advanceTimersByTimeAsync(1000); // the first tick settles, then the next one is due
    expect(work.ticks).toBe(2);

    const stopped = work.onApplicationShutdown();
    work.finish();
    await stopped;
    expect(jest.getTimerCount()).toBe(0);
  });

  it('never ticks with an interval of 0', () => {
    new Counted(0).onApplicationBootstrap();
    expect(jest.getTimerCount()).toBe(0);
  });
});
