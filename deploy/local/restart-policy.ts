// When `npm start` starts a service again that exited unexpectedly, as docker-compose's `restart: unless-stopped`
// and Kubernetes' CrashLoopBackOff do, and when it gives up: a service that keeps crashing before it ever answers
// its health check would only loop, so the platform stops and says why.

export interface RestartPolicyOptions {
  /** The wait before the first restart; it doubles with each quick crash. */
  firstDelayMs: number;
  /** The longest wait between restarts. */
  maxDelayMs: number;
  /** A process that ran this long was doing fine: its next crash starts the waits over. */
  stableAfterMs: number;
  /** Consecutive crashes before becoming healthy after which the supervisor gives up. */
  maxCrashesAtStart: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxCrashesAtStart: 5,
};

/** How the process that just exited had fared. */
export interface ExitFacts {
  /** How long it ran. */
  upMs: number;
  /** Whether it answered its health check at least once. */
  becameHealthy: boolean;
}

export type RestartDecision = { restart: true; delayMs: number; restarts: number } | { restart: false; reason: string; restarts: number };

/** One service's restarts: pure, so the waits and the giving up are tested without processes. */
export class RestartPolicy {
  private restarts = 0;
  private crashesAtStart = 0;
  private nextDelayMs: number;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {
    this.nextDelayMs = options.firstDelayMs;
  }

  onExit({ upMs, becameHealthy }: ExitFacts): RestartDecision {
    this.crashesAtStart = becameHealthy ? 0 : this.crashesAtStart + 1;
    if (this.crashesAtStart >= this.options.maxCrashesAtStart) {
      return {
        restart: false,
        reason: `it crashed ${this.crashesAtStart} times in a row before answering its health check`,
        restarts: this.restarts,
      };
    }
    if (upMs >= this.options.stableAfterMs) this.nextDelayMs = this.options.firstDelayMs;
    const delayMs = this.nextDelayMs;
    this.nextDelayMs = Math.min(this.nextDelayMs * 2, this.options.maxDelayMs);
    this.restarts++;
    return { restart: true, delayMs, restarts: this.restarts };
  }
}
