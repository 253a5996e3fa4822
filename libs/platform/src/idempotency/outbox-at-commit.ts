import { type Outbox, OUTBOX_INSERT_SQL, type PendingEvent } from '@jaring/messaging';
import { type BoundStatement, PreparedStatement } from './statement-batch';

const OUTBOX_INSERT = new PreparedStatement('outbox_insert', ['json'], OUTBOX_INSERT_SQL);

/**
 * The outbox insert of `events` as a statement for the batch that commits (`commitWith`, an idempotent
 * request's `atCommit`): the events are committed with the state they announce, exactly as
 * `Outbox.publishAll` does, in the round trip of the COMMIT instead of one of their own. They are validated
 * here, before anything is sent: an invalid event throws and nothing commits. None: no statement.
 */
export function outboxInsertAtCommit(outbox: Outbox, events: PendingEvent[]): BoundStatement[] {
  if (!events.length) return [];
  return [OUTBOX_INSERT.with(outbox.insertRows(events).rows)];
}
