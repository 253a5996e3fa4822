/**
 * Errors that say "try again later" rather than "this message is bad": the database or the broker is
 * away, or a transaction lost a race. A message failing this way is retried for as long as it takes and
 * never dead-lettered, so a PostgreSQL restart loses nothing.
 */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01', '55P03']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection.*(closed|ended)/i,
  /the database system is (starting|shutting) /i,
];

export function isTransientError(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const e = cause as { code?: unknown; retriable?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; name?: unknown };
    if (typeof e.code === 'string' && (e.code.startsWith('08') || TRANSIENT_SQLSTATES.has(e.code) || TRANSIENT_NODE_CODES.has(e.code)))
      return true;
    if (typeof e.name === 'string' && e.name.startsWith('KafkaJS') && e.retriable === true) return true;
    // Kafka's answer left out a partition written to (delivery-check.ts): sending again is the remedy.
    if (e.name === 'PartitionsNotAcknowledged') return true;
    if (typeof e.message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
    cause = e.driverError ?? e.cause;
  }
  return false;
}
