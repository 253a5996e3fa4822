import type { Actor } from '@jaring/platform';

/** How a billing or arrears run was started: over HTTP by an operator, or by the service's schedule. */
export type RunTrigger = 'HTTP' | 'SCHEDULE';

/** Who asked for a run, recorded with it (docs/api.md: every write says who made it). */
export interface RunRequest {
  trigger: RunTrigger;
  requestedBy: Actor;
}

/** The schedule's own runs: no person or client asked, the service did (contributions-schedule.ts). */
export const SCHEDULED: RunRequest = { trigger: 'SCHEDULE', requestedBy: { subject: 'schedule', clientId: 'contributions' } };

/** A run an operator started over HTTP. */
export function requestedOverHttp(requestedBy: Actor): RunRequest {
  return { trigger: 'HTTP', requestedBy };
}
