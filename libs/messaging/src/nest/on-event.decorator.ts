import { EventPattern } from '@nestjs/microservices';
import type { EventDefinition } from '@jaring/contracts';
import type { EventPatternExtras } from './kafka-event-server';

/**
 * `@OnEvent(EVENTS.WorkerRegistered)` on a handler method: `@EventPattern` keyed by the declared event's
 * type (no string to mistype), with `@Payload() event: EventEnvelope<...>` and `@Ctx() ctx: KafkaEventContext`.
 * `{ batch: true }` hands the method all of a batch's events of that type at once.
 */
export function OnEvent(definition: EventDefinition, extras: EventPatternExtras = {}): MethodDecorator {
  // The explicit <string> picks Nest's untyped overload: its typed one forbids a typed @Ctx() parameter.
  return EventPattern<string>(definition.type, { ...extras });
}
