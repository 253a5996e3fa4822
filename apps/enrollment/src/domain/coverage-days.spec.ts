import { lastPerWorker } from './coverage-days';

type Day = { workerId: string; day: string | null };
const events = (...data: Day[]) => data.map((d) => ({ data: d }));
const later = (a: string, b: string) => (a > b ? a : b);

describe("a batch of coverage events, as each worker's day", () => {
  it("takes each worker's last event", () => {
    const days = lastPerWorker(
      events({ workerId: 'a', day: '2026-08-31' }, { workerId: 'b', day: '2026-09-30' }, { workerId: 'a', day: '2026-07-31' }),
      (data) => data.day,
    );
    expect([...days]).toEqual([
      ['a', '2026-07-31'],
      ['b', '2026-09-30'],
    ]);
  });

  it('keeps the furthest day when told to (an extension never shortens the coverage)', () => {
    const days = lastPerWorker(
      events({ workerId: 'a', day: '2026-09-30' }, { workerId: 'a', day: '2026-08-31' }),
      (data) => data.day,
      later,
    );
    expect(days.get('a')).toBe('2026-09-30');
  });

  it('answers null for a worker whose last event names no day (a lapse that keeps the coverage end)', () => {
    expect(
      lastPerWorker(events({ workerId: 'a', day: '2026-08-31' }, { workerId: 'a', day: null }), (data) => data.day).get('a'),
    ).toBeNull();
    expect(
      lastPerWorker(events({ workerId: 'a', day: null }, { workerId: 'a', day: '2026-08-31' }), (data) => data.day, later).get('a'),
    ).toBe('2026-08-31');
  });
});
