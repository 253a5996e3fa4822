import type { KafkaMessage } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@jaring/contracts';
import { OutboxHeaders } from '../outbox/outbox-relay';

/** Where an event comes from: an outbox and the event's number in its publishing order (OutboxRelay). */
export interface OutboxOrigin {
  source: string;
  sequence: number;
}

export interface InboxItem {
  message: KafkaMessage;
  envelope: EventEnvelope;
  /** Absent for messages not published by a Jaring outbox (no sequence): those are deduplicated by event id. */
  origin?: OutboxOrigin;
}

/**
 * The outbox headers of a message: its origin, nothing when it has none, or a reason to refuse it when they are
 * there and not valid (half of them, or a sequence that is not a positive integer).
 */
export function outboxOrigin(message: KafkaMessage): { ok: true; origin?: OutboxOrigin } | { ok: false; reason: string } {
  const source = message.headers?.[OutboxHeaders.source]?.toString();
  const sequence = message.headers?.[OutboxHeaders.sequence]?.toString();
  if (source === undefined && sequence === undefined) return { ok: true };
  const number = Number(sequence);
  if (!source || !Number.isSafeInteger(number) || number < 1) {
    return { ok: false, reason: `invalid outbox headers: ${OutboxHeaders.source} '${source}', ${OutboxHeaders.sequence} '${sequence}'` };
  }
  return { ok: true, origin: { source, sequence: number } };
}

/**
 * What a consumer has applied, written in the transaction of the effects:
 * - per topic-partition, the last sequence applied of each outbox (`inbox_positions`, one row updated per batch):
 *   the relay numbers an outbox's events in the order it sends them and sends a round again with the same
 *   numbers, so on one partition an event at or below that number was applied already, whether Kafka delivered
 *   it again or the relay sent it again;
 * - for messages without a sequence (not from a Jaring outbox), the event id (`processed_events`, a row each).
 *
 * The partition's row is locked first (FOR UPDATE), so two members of the group that both hold the partition for
 * a moment (a rebalance) apply its events once between them.
 */
export class Inbox {
  constructor(private readonly consumer: string) {}

  /** The batch's events not applied yet, in order, and how to record them once applied (same transaction). */
  async admit<T extends InboxItem>(
    manager: EntityManager,
    items: T[],
    topic: string,
    partition: number,
  ): Promise<{ fresh: T[]; record: () => Promise<void> }> {
    const positions = items.some((item) => item.origin) ? await this.lockPositions(manager, topic, partition) : {};
    const unsequenced = items.filter((item) => !item.origin).map((item) => item.envelope.id.toLowerCase());
    const newIds = unsequenced.length ? await this.recordIds(manager, unsequenced) : new Set<string>();
    const applied = { ...positions };
    const fresh = items.filter((item) => {
      // an id can appear twice in one batch: the first is applied, `delete` refuses the rest
      if (!item.origin) return newIds.delete(item.envelope.id.toLowerCase());
      if (item.origin.sequence <= (applied[item.origin.source] ?? 0)) return false;
      applied[item.origin.source] = item.origin.sequence;
      return true;
    });
    const moved = Object.keys(applied).some((source) => applied[source] !== positions[source]);
    const record = async () => {
      if (!moved) return;
      await manager.query(`UPDATE inbox_positions SET sequences = $4::jsonb WHERE consumer = $1 AND topic = $2 AND partition = $3`, [
        this.consumer,
        topic,
        partition,
        JSON.stringify(applied),
      ]);
    };
    return { fresh, record };
  }

  private async lockPositions(manager: EntityManager, topic: string, partition: number): Promise<Record<string, number>> {
    const select = () =>
      manager.query<Array<{ sequences: Record<string, number> }>>(
        'SELECT sequences FROM inbox_positions WHERE consumer = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
        [this.consumer, topic, partition],
      );
    let [row] = await select();
    if (!row) {
      // the partition's first batch for this consumer: the row to lock, created once
      await manager.query('INSERT INTO inbox_positions (consumer, topic, partition) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        this.consumer,
        topic,
        partition,
      ]);
      [row] = await select();
    }
    return row.sequences;
  }

  private async recordIds(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    const inserted = await manager.query<Array<{ event_id: string }>>(
      `INSERT INTO processed_events (consumer, event_id)
       SELECT $1, id FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.consumer, ids],
    );
    return new Set(inserted.map((row) => row.event_id));
  }
}
