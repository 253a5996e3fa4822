/**
 * Who sees which workers (docs/api.md, "Who may call"): a field agent works in the regencies its credential
 * names and sees, changes and registers the workers of those only; the back office sees every region.
 * Pure rules: the caller's regions come in as a `RegionScope`, worked out from the credential by the
 * platform (`regionsVisibleTo`).
 */

/** The regency codes whose workers a caller may see and change; `undefined`: every region (the back office). */
export type RegionScope = readonly string[] | undefined;

/** Whether a worker of `regionCode` is within the caller's regions (else it answers 404, as if unknown). */
export function servesRegion(scope: RegionScope, regionCode: string): boolean {
  return scope === undefined || scope.includes(regionCode);
}

/**
 * Whether a registration names a region the caller does not serve: a 403 `region-not-served` for one worker,
 * a refused row in an import. A registration without a region (or with one that is not text) is not judged
 * here: the field rules refuse it.
 */
export function regionNotServed(scope: RegionScope, regionCode: unknown): boolean {
  return scope !== undefined && typeof regionCode === 'string' && !scope.includes(regionCode);
}

/** Why a registration's region is refused (the field is `regionCode`); names the caller's regions, not the value sent. */
export function regionNotServedReason(scope: readonly string[]): string {
  return scope.length
    ? `regionCode must be a region you serve: ${scope.join(', ')}`
    : 'regionCode must be a region you serve, and your credential names none';
}

/**
 * The regions a search looks in: `undefined` for no condition on the region, an empty list when nothing can
 * match (an agent asking for a region it does not serve gets an empty page, not an error that would tell
 * it anything about that region).
 */
export function searchRegions(scope: RegionScope, requested?: string): readonly string[] | undefined {
  if (scope === undefined) return requested === undefined ? undefined : [requested];
  if (requested === undefined) return scope;
  return scope.includes(requested) ? [requested] : [];
}

/** Who a credential is: the subject and the client it came through (an import remembers who started it). */
export interface Starter {
  subject: string;
  clientId: string;
}

/**
 * Whether a caller may follow an import: the back office (every region) any import, an agent only the ones
 * it started itself, the same subject through the same client. Another's import answers 404.
 */
export function mayFollowImport(scope: RegionScope, caller: Starter, startedBy: Starter | undefined): boolean {
  if (scope === undefined) return true;
  return startedBy !== undefined && startedBy.subject === caller.subject && startedBy.clientId === caller.clientId;
}
