/**
 * The envelope every event travels in (docs/design.md, Conventions). `subject` is the worker id and also the
 * Kafka message key; `data` is the event's payload, validated against its declared schema.
 */
export interface EventEnvelope<TData = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  source: string;
  subject: string;
  correlationId: string;
  causationId: string | null;
  data: TData;
}

/** Kafka header names that every message carries, so tools can route without parsing the value. */
export const EventHeaders = {
  type: 'type',
  version: 'version',
  traceparent: 'traceparent',
  correlationId: 'correlation-id',
} as const;
