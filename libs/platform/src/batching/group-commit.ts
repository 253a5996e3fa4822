/** One item's answer from a group: its own value or its own error (one bad item never fails the others). */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** How long the first item of a group waits for others before the group is committed (0: the same tick's only). */
  windowMs: number;
  /** A group this large is committed at once, without waiting for the window. */
  maxSize: number;
  /** Groups being committed at once; more items wait (and gather) until one finishes. */
  maxInFlight: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted one by one (concurrent requests) are gathered for a short window, or until a
 * group is full, and committed together by ONE call of `commit`, which answers each item on its own.
 *
 * Why: a transaction's fixed costs (round trips, the commit's WAL flush, a connection) dwarf what one small
 * item adds to it, so under load many items in one transaction go much faster than one transaction each.
 * Under light load a lone item waits at most `windowMs`; under heavy load, when `maxInFlight` groups are
 * already being committed, items keep gathering and the next group starts as soon as one finishes (the
 * slower the commits, the larger the groups: the batching adapts by itself).
 */
export class GroupCommit<I, O> {
  private waiting: Array<Waiting<I, O>> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The window of the oldest waiting item has passed: commit as soon as a slot is free. */
  private due = false;
  private readonly inFlight = new Set<Promise<void>>();
  private counted = { groups: 0, items: 0 };

  constructor(
    private readonly commit: (items: I[]) => Promise<Array<Settled<O>>>,
    private readonly options: GroupCommitOptions,
  ) {
    if (!(options.maxSize >= 1 && options.maxInFlight >= 1 && options.windowMs >= 0)) {
      throw new Error('GroupCommit: maxSize and maxInFlight must be at least 1, windowMs at least 0');
    }
  }

  /** Groups committed and items in them so far (for tests and metrics). */
  get stats(): { groups: number; items: number } {
    return { ...this.counted };
  }

  /** Adds the item to the next group; resolves or rejects with the item's own answer. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.timer && !this.due) this.timer = setTimeout(() => this.windowPassed(), this.options.windowMs);
      this.flush();
    });
  }

  /** Commits what is waiting now, without waiting for the window, and waits until every group is done. */
  async close(): Promise<void> {
    this.windowPassed();
    while (this.inFlight.size || this.waiting.length) {
      await Promise.allSettled([...this.inFlight]);
      this.flush();
    }
  }

  private windowPassed(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = true;
    this.flush();
  }

  private flush(): void {
    while (
      this.inFlight.size < this.options.maxInFlight &&
      (this.waiting.length >= this.options.maxSize || (this.due && this.waiting.length > 0))
    ) {
      const group = this.waiting.splice(0, this.options.maxSize);
      if (!this.waiting.length) {
        // Nothing left behind: the next item starts a window of its own.
        this.due = false;
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      const running = this.run(group).finally(() => {
        this.inFlight.delete(running);
        this.flush();
      });
      this.inFlight.add(running);
    }
  }

  private async run(group: Array<Waiting<I, O>>): Promise<void> {
    this.counted = { groups: this.counted.groups + 1, items: this.counted.items + group.length };
    try {
      const answers = await this.commit(group.map((w) => w.item));
      if (answers.length !== group.length) throw new Error(`GroupCommit: ${answers.length} answers for ${group.length} items`);
      answers.forEach((answer, i) => (answer.ok ? group[i].resolve(answer.value) : group[i].reject(answer.error)));
    } catch (error) {
      // The group as a whole failed (its transaction could not commit): every item gets that error.
      for (const w of group) w.reject(error);
    }
  }
}
