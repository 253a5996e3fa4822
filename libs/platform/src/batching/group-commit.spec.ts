import { GroupCommit, type Settled } from './group-commit';

/** A committer that records each group and holds it until released, answering each item doubled (odd ones fail). */
function recordingCommitter() {
  const groups: number[][] = [];
  const releases: Array<() => void> = [];
  const commit = (items: number[]): Promise<Array<Settled<number>>> => {
    groups.push(items);
    return new Promise((resolve) => {
      releases.push(() => resolve(items.map((n) => (n % 2 ? { ok: false, error: new Error(`odd ${n}`) } : { ok: true, value: n * 2 }))));
    });
  };
  return { groups, releases, commit };
}

/** Lets the promise callbacks queued so far run (fake timers do not advance them). */
const settle = () => new Promise<void>((resolve) => jest.requireActual<typeof import('timers')>('timers').setImmediate(resolve));

describe('GroupCommit', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gathers items for the window, commits them in one group and answers each on its own', async () => {
    const c = recordingCommitter();
    const group = new GroupCommit(c.commit, { windowMs: 5, maxSize: 100, maxInFlight: 1 });
    const answers = [2, 3, 4].map((n) =>
      group.submit(n).then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.message }),
      ),
    );
    jest.advanceTimersByTime(4);
    expect(c.groups).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(c.groups).toEqual([[2, 3, 4]]);
    c.releases[0]();
    expect(await Promise.all(answers)).toEqual([{ value: 4 }, { error: 'odd 3' }, { value: 8 }]);
    expect(group.stats).toEqual({ groups: 1, items: 3 });
  });

  it('commits a lone item when its window has passed, no later', async () => {
    const c = recordingCommitter();
    const group = new GroupCommit(c.commit, { windowMs: 3, maxSize: 100, maxInFlight: 4 });
    const answer = group.submit(10);
    jest.advanceTimersByTime(2);
    expect(c.groups).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(c.groups).toEqual([[10]]);
    c.releases[0]();
    expect(await answer).toBe(20);
  });

  it('commits a full group at once, and the rest when their window passes', async () => {
    const c = recordingCommitter();
    const group = new GroupCommit(c.commit, { windowMs: 1_000, maxSize: 2, maxInFlight: 4 });
    const answers = [2, 4, 6].map((n) => group.submit(n));
    expect(c.groups).toEqual([[2, 4]]);
    jest.advanceTimersByTime(999);
    expect(c.groups).toEqual([[2, 4]]);
    jest.advanceTimersByTime(1);
    expect(c.groups).toEqual([[2, 4], [6]]);
    c.releases.forEach((release) => release());
    expect(await Promise.all(answers)).toEqual([4, 8, 12]);
  });

  it('keeps gathering while the groups in flight are at the limit, then commits what gathered in one group', async () => {
    const c = recordingCommitter();
    const group = new GroupCommit(c.commit, { windowMs: 1, maxSize: 100, maxInFlight: 1 });
    const first = group.submit(2);
    jest.advanceTimersByTime(1);
    const later = [4, 6, 8].map((n) => group.submit(n));
    jest.advanceTimersByTime(10);
    expect(c.groups).toEqual([[2]]);
    c.releases[0]();
    expect(await first).toBe(4);
    await settle();
    expect(c.groups).toEqual([[2], [4, 6, 8]]);
    c.releases[1]();
    expect(await Promise.all(later)).toEqual([8, 12, 16]);
    expect(group.stats).toEqual({ groups: 2, items: 4 });
  });

  it('fails every item of a group whose commit fails as a whole', async () => {
    const group = new GroupCommit<number, number>(() => Promise.reject(new Error('connection lost')), {
      windowMs: 0,
      maxSize: 10,
      maxInFlight: 1,
    });
    const answers = [1, 2].map((n) => group.submit(n).catch((error: Error) => error.message));
    jest.advanceTimersByTime(0);
    expect(await Promise.all(answers)).toEqual(['connection lost', 'connection lost']);
  });

  it('commits what waits at once on close, and waits for it', async () => {
    const c = recordingCommitter();
    const group = new GroupCommit(c.commit, { windowMs: 60_000, maxSize: 100, maxInFlight: 1 });
    const answer = group.submit(2);
    const closed = group.close();
    expect(c.groups).toEqual([[2]]);
    c.releases[0]();
    await closed;
    expect(await answer).toBe(4);
  });
});
