/**
 * Whether a caller may see a worker, and so submit and read the worker's claims (docs/api.md, "Who may
 * call"). `visibleRegions` is what the caller may see: `undefined` for the back office (every region), an
 * agent's own regency codes otherwise. `workerRegion` is the worker's regency from the read model:
 * `undefined` when the worker is unknown, `null` when registered before claims recorded regions.
 *
 * An agent sees only a worker known to be of one of its regions: an unknown worker, or one whose region is
 * not on record, is as invisible as another region's, so the answer (404) never tells them apart.
 */
export function workerVisible(visibleRegions: readonly string[] | undefined, workerRegion: string | null | undefined): boolean {
  if (visibleRegions === undefined) return true;
  return typeof workerRegion === 'string' && visibleRegions.includes(workerRegion);
}
