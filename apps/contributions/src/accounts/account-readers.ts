import type { Role } from '@jaring/platform';

/**
 * Who may read a worker's invoices and coverage (docs/api.md, "Who may call"): agents for the workers of
 * their own regions, payment channels to take a payment, and the back office. An agent asking about another
 * region's worker gets the same 404 as for a worker this service does not know.
 */
export const ACCOUNT_READERS = [
  'agent',
  'channel',
  'enrollment-officer',
  'verifier',
  'approver',
  'finance',
  'auditor',
  'operator',
] as const satisfies readonly Role[];
