import type { ModuleMetadata } from '@nestjs/common';
import type { HealthCheckDefinition } from './health-check.registry';

export interface HealthModuleOptions {
  /** Ping the TypeORM DataSource as `database` (default true). */
  database?: boolean;
  /** Extra checks known up front; others can be added at start-up through `HealthCheckRegistry`. */
  checks?: HealthCheckDefinition[];
  /** How long each check may take before it counts as down (default 2000 ms). */
  timeoutMs?: number;
  /** Modules whose exports the health module needs, e.g. the one providing `KAFKA_HEALTH_CHECK` if it is not global. */
  imports?: ModuleMetadata['imports'];
}
