import type { Principal } from '../auth/principal';

/** The idempotency scope of a caller: keys of one partner never collide with another's. */
export function idempotencyScope(principal: Principal): string {
  return principal.kind === 'admin' ? 'admin' : `funder:${principal.funderId}`;
}
