// Runs a process and starts it again whenever it exits unexpectedly, after the restart policy's wait
// (restart-policy.ts), as docker-compose and Kubernetes would: `npm start` supervises its services with it, and
// `npm run cluster` its Kafka nodes, service replicas and load balancer.
import type { ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import { sleep } from './process-utils';
import { RestartPolicy } from './restart-policy';

export type SupervisorLog = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

export interface SupervisedProcess {
  /** How the logs name it (a service, "claims-2", "kafka-1"). */
  name: string;
  /** Starts one launch. */
  spawn(): ChildProcess;
  /** Whether the launch answers; a string is why not (kept for the give-up message). */
  probe(): Promise<true | string>;
  /** Said once a launch answers its probe ("claims is healthy on port 3004"). */
  healthyMessage: string;
  /** A launch that has not answered by then is killed: a crash at start. */
  healthTimeoutMs: number;
}

export interface SupervisorContext {
  /** True once everything is stopping: an exit is then expected, nothing is restarted. */
  stopping: () => boolean;
  /** The policy gave up on this process (it keeps crashing at start). */
  giveUp: (reason: string) => void;
  log: SupervisorLog;
  /** Each launch, answered probe and exit, for whoever watches (the cluster test). */
  onEvent?: (event: SupervisorEvent) => void;
}

export type SupervisorEvent =
  | { type: 'started'; name: string; pid: number; restarts: number }
  | { type: 'healthy'; name: string; pid: number; restarts: number }
  | { type: 'exited'; name: string; pid: number; code: number | null; signal: NodeJS.Signals | null };

const PROBE_EVERY_MS = 500;

/** One supervised process: its current launch, and a promise settled by the first launch that answers. */
export class Supervised {
  /** Settled by the first launch that answers its probe; failed when the policy gives up first. */
  readonly healthy: Promise<void>;
  private current?: { child: ChildProcess; exited: Promise<void> };
  private resolveHealthy!: () => void;
  private rejectHealthy!: (error: Error) => void;
  private readonly policy = new RestartPolicy();

  constructor(
    readonly spec: SupervisedProcess,
    private readonly context: SupervisorContext,
  ) {
    this.healthy = new Promise<void>((resolve, reject) => {
      this.resolveHealthy = resolve;
      this.rejectHealthy = reject;
    });
    this.healthy.catch(() => undefined); // the caller awaits it; the give-up is reported through context.giveUp too
    this.launch(0);
  }

  /** The pid of the current launch (undefined between an exit and the restart). */
  get pid(): number | undefined {
    const child = this.current?.child;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  /** Stops the current launch (signal, then SIGKILL after timeoutMs); the caller has made `stopping()` true. */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
    const current = this.current;
    if (!current || current.child.exitCode !== null || current.child.signalCode !== null) return;
    current.child.kill(signal);
    const timer = setTimeout(() => {
      this.context.log('warn', `${this.spec.name} did not stop within ${timeoutMs / 1000} s: SIGKILL`);
      current.child.kill('SIGKILL');
    }, timeoutMs);
    await current.exited;
    clearTimeout(timer);
  }

  private launch(restarts: number): void {
    const { spec, context } = this;
    const startedAt = Date.now();
    let becameHealthy = false;
    const child = spec.spawn();
    const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.current = { child, exited: exitedPromise };
    const pid = child.pid ?? -1;
    context.log('info', `${spec.name} started`, { service: spec.name, pid, restarts });
    context.onEvent?.({ type: 'started', name: spec.name, pid, restarts });
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    this.waitForProbe(() => context.stopping() || exited()).then(
      () => {
        if (context.stopping() || exited()) return;
        becameHealthy = true;
        context.log('info', spec.healthyMessage);
        if (restarts > 0) context.log('info', `${spec.name} is healthy again`, { service: spec.name, restarts });
        context.onEvent?.({ type: 'healthy', name: spec.name, pid, restarts });
        this.resolveHealthy();
      },
      (error: Error) => {
        if (context.stopping() || exited()) return;
        context.log('error', `${error.message}: stopping it`, { service: spec.name });
        child.kill('SIGKILL');
      },
    );
    child.once('exit', (code, signal) => {
      context.onEvent?.({ type: 'exited', name: spec.name, pid, code, signal });
      if (context.stopping()) return;
      const decision = this.policy.onExit({ upMs: Date.now() - startedAt, becameHealthy });
      if (!decision.restart) {
        context.log('error', `${spec.name} exited (code ${code}, signal ${signal}) and is not started again: ${decision.reason}`, {
          service: spec.name,
          code,
          signal,
          restarts: decision.restarts,
        });
        this.rejectHealthy(new Error(`${spec.name} did not start: ${decision.reason}`));
        context.giveUp(`${spec.name} keeps crashing`);
        return;
      }
      context.log(
        'error',
        `${spec.name} exited unexpectedly (code ${code}, signal ${signal}); starting it again in ${decision.delayMs / 1000} s`,
        {
          service: spec.name,
          code,
          signal,
          restarts: decision.restarts,
        },
      );
      setTimeout(() => {
        if (!context.stopping()) this.launch(decision.restarts);
      }, decision.delayMs);
    });
  }

  private async waitForProbe(cancelled: () => boolean): Promise<void> {
    const deadline = Date.now() + this.spec.healthTimeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (cancelled()) return;
      const answer = await this.spec.probe().catch((error: Error) => error.message);
      if (answer === true) return;
      last = answer;
      await sleep(PROBE_EVERY_MS);
    }
    throw new Error(`${this.spec.name} did not answer within ${this.spec.healthTimeoutMs / 1000} s (${last})`);
  }
}

/** A service's probe: GET /health answers 200. */
export function healthProbe(port: number): () => Promise<true | string> {
  return async () => {
    const status = await httpStatus(`http://127.0.0.1:${port}/health`);
    return status === 200 ? true : `HTTP ${status} from GET /health`;
  };
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}
