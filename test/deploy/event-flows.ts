import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deadLetterTopic, EVENT_CATALOG, type TopicName } from '@jaring/contracts';
import { consumerGroupOf } from '@jaring/messaging';

/**
 * What each service does on Kafka, computed from the code rather than written down again: the topics it
 * announces (the event catalog: an event type `<service>.<entity>.<verb>` is its service's, and its topic with
 * it), the topics it consumes (the event types of its `@OnEvent` handlers, mapped to their topics by the
 * catalog, exactly as its consumer subscribes), the dead-letter topics its consumer writes, and its group.
 */
export interface EventFlows {
  produces: TopicName[];
  consumes: TopicName[];
  deadLetters: string[];
  group: string;
}

/** Nest's metadata key of `@EventPattern`, which `@OnEvent` sets (`@nestjs/microservices` PATTERN_METADATA). */
const PATTERN_METADATA = 'microservices:pattern';
const APPS = join(__dirname, '..', '..', 'apps');

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

/** The event types the service's event controllers (`*.event.controller.ts`) handle. */
export function handledEventTypes(service: string): string[] {
  const types = new Set<string>();
  for (const file of filesUnder(join(APPS, service, 'src'), '.event.controller.ts')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    for (const controller of Object.values(exported)) {
      if (typeof controller !== 'function') continue;
      const prototype = (controller as { prototype: Record<string, unknown> }).prototype;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const method = prototype[name];
        if (typeof method !== 'function') continue;
        const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined;
        for (const pattern of patterns ?? []) if (typeof pattern === 'string') types.add(pattern);
      }
    }
  }
  return [...types].sort();
}

export function eventFlowsOf(service: string): EventFlows {
  const produces = EVENT_CATALOG.topicsAnnouncedBy(service).sort();
  const consumes = EVENT_CATALOG.topicsOf(handledEventTypes(service)).sort();
  return { produces, consumes, deadLetters: consumes.map(deadLetterTopic), group: consumerGroupOf(service) };
}
