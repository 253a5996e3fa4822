import { Injectable } from '@nestjs/common';

/**
 * A named check: resolves when the dependency is healthy (optionally with details to show), throws when
 * it is not. It gets an AbortSignal that fires when its time is up.
 */
export interface HealthCheckDefinition {
  name: string;
  check: (signal: AbortSignal) => Promise<Record<string, unknown> | void>;
  /** Default: the module's `timeoutMs`. */
  timeoutMs?: number;
}

/**
 * The extra checks of `GET /health` besides the database and Kafka. Static ones come from
 * `HealthModule.forRoot({ checks })`; a module whose check needs its own providers registers it at start:
 *
 *   constructor(health: HealthCheckRegistry, outbox: OutboxRepository) {
 *     health.register({ name: 'outbox', check: async () => ({ backlog: await outbox.backlog() }) });
 *   }
 */
@Injectable()
export class HealthCheckRegistry {
  private readonly checks = new Map<string, HealthCheckDefinition>();

  register(definition: HealthCheckDefinition): void {
    this.checks.set(definition.name, definition);
  }

  list(): HealthCheckDefinition[] {
    return [...this.checks.values()];
  }
}
