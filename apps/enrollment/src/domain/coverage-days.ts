/**
 * Each worker's date from their last event of a batch, or the `keep`-chosen one of all of them. A worker's
 * events arrive in order (key = worker id), so within a batch the last one of each worker is what counts
 * (for extensions, the furthest: `keep` picks it).
 */
export function lastPerWorker<T extends { workerId: string }>(
  events: ReadonlyArray<{ data: T }>,
  dayOf: (data: T) => string | null,
  keep?: (a: string, b: string) => string,
): Map<string, string | null> {
  const days = new Map<string, string | null>();
  for (const { data } of events) {
    const day = dayOf(data);
    const known = days.get(data.workerId);
    days.set(data.workerId, keep && known && day ? keep(known, day) : day);
  }
  return days;
}
