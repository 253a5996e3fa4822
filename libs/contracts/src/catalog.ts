import type { EventEnvelope } from './envelope';
import type { EventDefinition } from './event-definition';
import { ALL_TOPICS, type TopicName } from './topics';
import { validateEventData, type ValidationMode } from './validation';

export class UndeclaredEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly version: unknown,
  ) {
    super(`event ${eventType} v${String(version)} is not declared in the contracts`);
  }
}

export class SupersededEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly version: unknown,
  ) {
    super(`event ${eventType} v${String(version)} is superseded: it is read, no longer produced`);
  }
}

export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly reasons: string[],
  ) {
    super(`event ${eventType} is invalid: ${reasons.join('; ')}`);
  }
}

/** What a consumer learns from a raw message: a declared, valid event, or why it is not one. */
export type DecodedMessage = { ok: true; envelope: EventEnvelope; definition: EventDefinition } | { ok: false; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every declared event; producing or consuming anything else is an error. */
export class EventCatalog {
  private readonly byKey = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      const key = EventCatalog.key(definition.type, definition.version);
      if (this.byKey.has(key)) throw new Error(`event ${key} is declared twice`);
      if (!ALL_TOPICS.includes(definition.topic)) throw new Error(`event ${key} names unknown topic ${definition.topic}`);
      this.byKey.set(key, definition);
    }
  }

  private static key(type: string, version: unknown): string {
    return `${type}@${String(version)}`;
  }

  definitions(): EventDefinition[] {
    return [...this.byKey.values()];
  }

  find(type: string, version: unknown): EventDefinition | undefined {
    return this.byKey.get(EventCatalog.key(type, version));
  }

  get(type: string, version: unknown): EventDefinition {
    const definition = this.find(type, version);
    if (!definition) throw new UndeclaredEventError(type, version);
    return definition;
  }

  /** The topics a service announces on: those of its own events, whose types start with `<service>.`. */
  topicsAnnouncedBy(service: string): TopicName[] {
    return [
      ...new Set(
        this.definitions()
          .filter((d) => d.type.split('.')[0] === service)
          .map((d) => d.topic),
      ),
    ];
  }

  /** The topics that carry the given event types (for a consumer's subscription). */
  topicsOf(types: Iterable<string>): TopicName[] {
    const wanted = new Set(types);
    const topics = new Set<TopicName>();
    for (const definition of this.byKey.values()) if (wanted.has(definition.type)) topics.add(definition.topic);
    for (const type of wanted) {
      if (![...this.byKey.values()].some((d) => d.type === type)) throw new UndeclaredEventError(type, '*');
    }
    return [...topics];
  }

  /** Throws unless `envelope` is a declared event whose data matches its schema exactly. */
  assertProducible(envelope: EventEnvelope): EventDefinition {
    const definition = this.get(envelope.type, envelope.version);
    if (definition.superseded) throw new SupersededEventError(envelope.type, envelope.version);
    const reasons = [...envelopeProblems(envelope), ...validateEventData(definition, envelope.data, 'produce')];
    if (reasons.length) throw new InvalidEventError(envelope.type, reasons);
    return definition;
  }

  /** Parses and validates a message value as a consumer sees it. */
  decode(value: Buffer | string | null, mode: ValidationMode = 'consume'): DecodedMessage {
    if (value === null || value.length === 0) return { ok: false, reason: 'empty message' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.toString());
    } catch {
      return { ok: false, reason: 'value is not JSON' };
    }
    if (parsed === null || typeof parsed !== 'object') return { ok: false, reason: 'value is not an event envelope' };
    const envelope = parsed as EventEnvelope;
    const problems = envelopeProblems(envelope);
    if (problems.length) return { ok: false, reason: `invalid envelope: ${problems.join('; ')}` };
    const definition = this.find(envelope.type, envelope.version);
    if (!definition) return { ok: false, reason: `undeclared event ${envelope.type} v${envelope.version}` };
    const reasons = validateEventData(definition, envelope.data, mode);
    if (reasons.length) return { ok: false, reason: `invalid ${envelope.type} v${envelope.version}: ${reasons.join('; ')}` };
    return { ok: true, envelope, definition };
  }
}

/** The envelope's own fields, checked by hand: it is on every message, so it should be cheap. */
export function envelopeProblems(envelope: Partial<EventEnvelope>): string[] {
  const problems: string[] = [];
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
  if (!nonEmpty(envelope.id) || !UUID.test(envelope.id!)) problems.push('id: must be a UUID');
  if (!nonEmpty(envelope.type)) problems.push('type: must be a non-empty string');
  if (!Number.isInteger(envelope.version) || (envelope.version as number) < 1) problems.push('version: must be a positive integer');
  if (!nonEmpty(envelope.occurredAt) || Number.isNaN(Date.parse(envelope.occurredAt!)))
    problems.push('occurredAt: must be an ISO 8601 timestamp');
  if (!nonEmpty(envelope.source)) problems.push('source: must be a non-empty string');
  if (!nonEmpty(envelope.subject)) problems.push('subject: must be a non-empty string');
  if (!nonEmpty(envelope.correlationId)) problems.push('correlationId: must be a non-empty string');
  if (envelope.causationId !== null && !nonEmpty(envelope.causationId)) problems.push('causationId: must be a string or null');
  if (envelope.data === undefined) problems.push('data: is required');
  return problems;
}
