/** A partition of a topic, as `topic/partition`. */
export type PartitionKey = string;

export const partitionKey = (topic: string, partition: number): PartitionKey => `${topic}/${partition}`;

/** Where the group stands on one partition: its committed offset and the partition's end. */
export interface PartitionPosition {
  key: PartitionKey;
  committed: number;
  end: number;
}

/**
 * Tells a stalled consumer from a busy or an idle one, partition by partition: kafkajs consumers can stop
 * fetching one partition after broker trouble and never resume (tulios/kafkajs#659), while the other
 * partitions flow, so "nothing handled for a while" is not enough to see it.
 *
 * A partition of this member is stalled when it lags (messages past the committed offset), nothing was
 * handled on it for `stallTimeoutMs`, and the same was true at the previous look with the same committed
 * offset and still nothing handled since: a message that arrived a moment ago on a partition idle for
 * an hour lags too, and is read well before the next look. Pure: the caller reads the offsets, reports
 * progress, and restarts the consumer when `look` names partitions.
 */
export class StallWatch {
  private readonly movedAt = new Map<PartitionKey, number>();
  private readonly suspects = new Map<PartitionKey, { committed: number; at: number }>();

  constructor(private readonly stallTimeoutMs: number) {}

  /** The partitions the group gave this member (each join): counted as moved now. */
  assign(keys: PartitionKey[], now: number): void {
    this.movedAt.clear();
    this.suspects.clear();
    for (const key of keys) this.movedAt.set(key, now);
  }

  get assigned(): PartitionKey[] {
    return [...this.movedAt.keys()];
  }

  /** A batch of the partition was handled, or is being retried: progress, not a stall. */
  moved(key: PartitionKey, now: number): void {
    if (this.movedAt.has(key)) this.movedAt.set(key, now);
  }

  /** One look at the group's positions on this member's partitions: the partitions stalled. */
  look(positions: PartitionPosition[], now: number): PartitionKey[] {
    const stalled: PartitionKey[] = [];
    for (const { key, committed, end } of positions) {
      const movedAt = this.movedAt.get(key);
      if (movedAt === undefined) continue; // another member's partition
      if (end <= committed || now - movedAt < this.stallTimeoutMs) {
        this.suspects.delete(key);
        continue;
      }
      const suspect = this.suspects.get(key);
      if (suspect && suspect.committed === committed && movedAt < suspect.at) stalled.push(key);
      else this.suspects.set(key, { committed, at: now });
    }
    return stalled;
  }
}
