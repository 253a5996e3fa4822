import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EVENT_CATALOG, EventHeaders, type EventCatalog, type EventDefinition, type EventEnvelope } from '@jaring/contracts';
import { childTraceparent, currentOrNewTraceContext, type TraceContext } from '../tracing/trace-context';

export interface PendingEvent<TData extends object = object> {
  definition: EventDefinition<TData>;
  /** The worker id: the envelope's subject and the Kafka key. */
  subject: string;
  data: TData;
  /** The event this one answers, when the work handles several events at once (batch handlers). */
  causedBy?: EventEnvelope;
}

/** Inserts outbox rows given as one JSON document (`Outbox.insertRows`), in their order. */
export const OUTBOX_INSERT_SQL = `INSERT INTO outbox (event_id, topic, message_key, event_type, event_version, payload, headers)
  SELECT event_id, topic, message_key, event_type, event_version, payload, headers
    FROM ROWS FROM (json_to_recordset($1::json)
                    AS (event_id uuid, topic text, message_key text, event_type text, event_version int, payload json, headers jsonb))
         WITH ORDINALITY AS r(event_id, topic, message_key, event_type, event_version, payload, headers, n)
   ORDER BY n`;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists if and only if
 * the state change it announces was committed. The relay publishes them afterwards.
 */
export class Outbox {
  constructor(
    private readonly source: string,
    private readonly catalog: EventCatalog = EVENT_CATALOG,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async publish<TData extends object>(manager: EntityManager, event: PendingEvent<TData>): Promise<EventEnvelope<TData>> {
    const [envelope] = await this.publishAll(manager, [event]);
    return envelope as EventEnvelope<TData>;
  }

  /** Many events in one statement: a billing run announces thousands of invoices at once. */
  async publishAll(manager: EntityManager, events: PendingEvent[]): Promise<EventEnvelope[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.publish must run inside the transaction that changes the state it announces');
    }
    const { envelopes, rows } = this.insertRows(events);
    if (envelopes.length) await manager.query(OUTBOX_INSERT_SQL, [rows]);
    return envelopes;
  }

  /**
   * The events as validated envelopes, and the outbox rows as the one JSON parameter of OUTBOX_INSERT_SQL:
   * for a caller that sends the insert itself, with other statements of the same transaction (see
   * `outboxInsertAtCommit` in @jaring/platform). An undeclared or invalid event throws here.
   */
  insertRows(events: PendingEvent[]): { envelopes: EventEnvelope[]; rows: string } {
    // One trace context for the whole call: all these events come from one piece of work.
    const trace = currentOrNewTraceContext();
    const rows = events.map((event) => this.toRow(event, trace));
    // One JSON parameter rather than seven arrays: pg escapes every element of a text[] or json[] array
    // character by character, which for envelopes of JSON cost more than PostgreSQL's parsing of them.
    const json = JSON.stringify(
      rows.map((r) => ({
        event_id: r.envelope.id,
        topic: r.topic,
        message_key: r.envelope.subject,
        event_type: r.envelope.type,
        event_version: r.envelope.version,
        payload: r.envelope,
        headers: r.headers,
      })),
    );
    return { envelopes: rows.map((r) => r.envelope), rows: json };
  }

  private toRow(event: PendingEvent, trace: TraceContext): { envelope: EventEnvelope; topic: string; headers: Record<string, string> } {
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type: event.definition.type,
      version: event.definition.version,
      occurredAt: this.clock().toISOString(),
      source: this.source,
      subject: event.subject,
      correlationId: event.causedBy?.correlationId ?? trace.correlationId,
      causationId: event.causedBy?.id ?? trace.causationId ?? null,
      data: event.data,
    };
    const definition = this.catalog.assertProducible(envelope);
    const headers = {
      [EventHeaders.type]: envelope.type,
      [EventHeaders.version]: String(envelope.version),
      [EventHeaders.traceparent]: childTraceparent(trace.traceparent),
      [EventHeaders.correlationId]: envelope.correlationId,
    };
    return { envelope, topic: definition.topic, headers };
  }
}
