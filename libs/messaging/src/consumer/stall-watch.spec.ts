import { partitionKey, StallWatch } from './stall-watch';

const A = partitionKey('t', 0);
const B = partitionKey('t', 1);
const STALL = 10_000;

describe('the stall watch', () => {
  it('names a lagging partition with nothing handled, at the second look with the same committed offset', () => {
    const watch = new StallWatch(STALL);
    watch.assign([A, B], 0);
    expect(watch.look([{ key: A, committed: 5, end: 9 }], 12_000)).toEqual([]); // suspect
    expect(watch.look([{ key: A, committed: 5, end: 9 }], 17_000)).toEqual([A]);
  });

  it('sees the stall of one partition while another one flows', () => {
    const watch = new StallWatch(STALL);
    watch.assign([A, B], 0);
    for (let now = 1_000; now <= 30_000; now += 1_000) watch.moved(B, now);
    watch.look(
      [
        { key: A, committed: 5, end: 9 },
        { key: B, committed: 100, end: 120 },
      ],
      12_000,
    );
    expect(
      watch.look(
        [
          { key: A, committed: 5, end: 9 },
          { key: B, committed: 130, end: 150 },
        ],
        20_000,
      ),
    ).toEqual([A]);
  });

  it('leaves alone a partition that lags only because a message just arrived after a long idle time', () => {
    const watch = new StallWatch(STALL);
    watch.assign([A], 0);
    expect(watch.look([{ key: A, committed: 5, end: 6 }], 3_600_000)).toEqual([]);
    watch.moved(A, 3_600_050); // read and handled before the next look
    expect(watch.look([{ key: A, committed: 6, end: 6 }], 3_605_000)).toEqual([]);
    expect(watch.look([{ key: A, committed: 6, end: 7 }], 3_610_000)).toEqual([]); // a new suspicion, not a stall
  });

  it('leaves alone a partition whose committed offset moved or whose batch is being retried', () => {
    const watch = new StallWatch(STALL);
    watch.assign([A, B], 0);
    watch.look(
      [
        { key: A, committed: 5, end: 9 },
        { key: B, committed: 5, end: 9 },
      ],
      12_000,
    );
    watch.moved(B, 13_000); // a retry of a batch of B (the database is away)
    expect(
      watch.look(
        [
          { key: A, committed: 6, end: 9 },
          { key: B, committed: 5, end: 9 },
        ],
        17_000,
      ),
    ).toEqual([]);
  });

  it('leaves alone what is caught up, what is not its own, and starts afresh at each assignment', () => {
    const watch = new StallWatch(STALL);
    watch.assign([A], 0);
    expect(
      watch.look(
        [
          { key: A, committed: 9, end: 9 },
          { key: B, committed: 0, end: 9 },
        ],
        12_000,
      ),
    ).toEqual([]);
    expect(
      watch.look(
        [
          { key: A, committed: 9, end: 9 },
          { key: B, committed: 0, end: 9 },
        ],
        20_000,
      ),
    ).toEqual([]);
    watch.look([{ key: A, committed: 5, end: 9 }], 30_000);
    watch.assign([A, B], 31_000);
    expect(watch.look([{ key: A, committed: 5, end: 9 }], 35_000)).toEqual([]);
    expect(watch.assigned).toEqual([A, B]);
  });
});
