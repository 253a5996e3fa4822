import type { Role } from './roles';

/**
 * Who is calling, as their credential says: a person signed in through the OpenID provider, a machine with
 * client credentials, or a funder's API key. Holds identifiers only, never a name: it goes into audit
 * trails and logs.
 */
export interface Caller {
  /** The token's `sub` (a person's or a client's id at the provider), or `api-key:<key id>`. */
  subject: string;
  /** The OAuth client that obtained the token (`client_id`, or `azp`), or `funder:<funder id>` for an API key. */
  clientId: string;
  roles: readonly Role[];
  /** The regency codes an agent serves (the token's regions claim); empty for everyone else. */
  regions: readonly string[];
  /** The payment channel a `channel` client is (the token's channel claim, else its client id). */
  channel?: string;
  /**
   * The funder the caller acts for: the one an API key belongs to, or the one a funder's staff work for (the
   * service that knows funders resolves their token's funder code into it before the route runs).
   */
  funderId?: string;
  /** The funder a funder's staff token names, by code (the token's funder claim, read by subsidies only). */
  funderCode?: string;
}

export function hasRole(caller: Caller, ...roles: readonly Role[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}

/**
 * The regions whose workers the caller may see and change: an agent's own, or every region (`undefined`)
 * for anyone holding a role other than `agent` (the back office). A route that lets agents in narrows its
 * reads and writes to these; another region's worker then answers 404, as if it did not exist. The `funder`
 * role opens nothing outside subsidies, so it never widens an agent's regions.
 */
export function regionsVisibleTo(caller: Caller): readonly string[] | undefined {
  return caller.roles.some((role) => role !== 'agent' && role !== 'funder') ? undefined : caller.regions;
}

/** Who made a write, for the owning service's audit trail: the subject and the client it came through. */
export interface Actor {
  subject: string;
  clientId: string;
}

export function actorOf(caller: Caller): Actor {
  return { subject: caller.subject, clientId: caller.clientId };
}

/** The client an API key calls as: its funder (every key of the funder the same client). */
export function funderClientId(funderId: string): string {
  return `funder:${funderId}`;
}

/**
 * The scope of a caller's `Idempotency-Key`s: the client's own, so two clients' keys never collide. A machine is
 * its own client, and a funder's API keys are all the funder's; people signing in through one client (the console)
 * each keep keys of their own within it, a funder's staff as much as the back office.
 */
export function idempotencyScopeOf(caller: Caller): string {
  const apiKey = caller.funderId !== undefined && caller.clientId === funderClientId(caller.funderId);
  const shared = caller.subject === caller.clientId || apiKey;
  return shared ? `client:${caller.clientId}` : `client:${caller.clientId}/${caller.subject}`;
}
