/**
 * A client as a payment channel is: a request that fails at the load balancer (a 5xx, a connection reset, a
 * refusal) is sent again, the same request with the same Idempotency-Key, until it is answered. Every failure
 * is kept with its time, so that a test can say how many requests failed during a failover and whether each
 * succeeded on retry.
 */
export interface Outcome {
  what: string;
  /** When each failed attempt was answered (ms since the epoch) and what it got. */
  failures: Array<{ at: number; answer: string }>;
  /** When it finally succeeded (undefined while it has not). */
  succeededAt?: number;
}

export interface Answer {
  /** 0: no answer (the connection failed; `body` says how) */
  status: number;
  body: any;
}

const RETRY_FOR_MS = 180_000;
const FIRST_WAIT_MS = 50;
const LONGEST_WAIT_MS = 1_000;

/** Failures worth sending again: the load balancer's and a server's temporary ones, never a refusal of the request itself. */
function retriable(status: number, body: any): boolean {
  return status >= 500 || status === 429 || (status === 409 && String(body?.type ?? '').endsWith('/idempotency-key-in-use'));
}

export class RetryingClient {
  readonly outcomes: Outcome[] = [];

  /**
   * Sends until answered with a status `accepted` takes; throws on any other answer that is not worth
   * retrying (a 4xx: the test's request is wrong, no failover explains it), or when it never succeeds.
   */
  async send(what: string, url: string, init: RequestInit, accepted: (status: number) => boolean): Promise<Answer> {
    const outcome: Outcome = { what, failures: [] };
    this.outcomes.push(outcome);
    const deadline = Date.now() + RETRY_FOR_MS;
    let wait = FIRST_WAIT_MS;
    for (;;) {
      // (fetch's errors come from Node's realm, not the test's: told apart by shape, not by instanceof Error)
      const answer = await fetch(url, init).then(
        async (response): Promise<Answer> => {
          const text = await response.text();
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: kept as text
          }
          return { status: response.status, body };
        },
        (error: { message?: string; cause?: { code?: string } }): Answer => ({
          status: 0,
          body: `${error.message ?? 'fetch failed'} (${error.cause?.code ?? 'no code'})`,
        }),
      );
      if (answer.status !== 0 && accepted(answer.status)) {
        outcome.succeededAt = Date.now();
        return answer;
      }
      if (answer.status !== 0 && !retriable(answer.status, answer.body))
        throw new Error(`${what}: ${answer.status} ${String(JSON.stringify(answer.body) ?? '(no body)').slice(0, 500)}`);
      outcome.failures.push({ at: Date.now(), answer: answer.status === 0 ? String(answer.body) : `${answer.status}` });
      if (Date.now() > deadline)
        throw new Error(`${what}: still failing after ${RETRY_FOR_MS / 1000} s (${outcome.failures.at(-1)?.answer})`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    }
  }

  /** The requests (named starting with `what`) that failed at least once between two instants, and how many succeeded on retry. */
  failedBetween(from: number, to: number, what = ''): { failed: number; attempts: number; succeededOnRetry: number; answers: string[] } {
    const hit = this.outcomes.filter((o) => o.what.startsWith(what) && o.failures.some((f) => f.at >= from && f.at <= to));
    return {
      failed: hit.length,
      attempts: hit.reduce((sum, o) => sum + o.failures.filter((f) => f.at >= from && f.at <= to).length, 0),
      succeededOnRetry: hit.filter((o) => o.succeededAt !== undefined).length,
      answers: [...new Set(hit.flatMap((o) => o.failures.map((f) => f.answer)))],
    };
  }
}
