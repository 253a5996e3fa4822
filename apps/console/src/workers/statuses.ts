/** A worker's membership statuses (docs/api.md, "Worker answer"), the values of the status filter. */
export const WORKER_STATUSES = ['PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED', 'DECEASED'] as const;
