// A single-node Apache Kafka broker (KRaft) for development and tests, run from Apache's jars by
// kafka.sh (fetched once from Maven Central). Used by deploy/local/infra.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { assertPortsFree, commandLine, findRepoRoot, forEachLine, killAndWait, sleep } from '../process-utils';

export interface LocalKafkaOptions {
  /** broker data folder (server.properties, logs/, broker.pid); created when missing */
  dataDir: string;
  /** PLAINTEXT listener, 127.0.0.1 */
  port: number;
  /** KRaft controller listener, 127.0.0.1 */
  controllerPort: number;
  /** the broker's own output and start-up progress, one line at a time */
  onLog?: (line: string) => void;
}

export interface LocalKafka {
  /** bootstrap servers for kafkajs, e.g. "127.0.0.1:9092" */
  brokers: string;
  /** pid of the broker JVM */
  pid: number;
  /** SIGTERM, wait for a controlled shutdown (SIGKILL after 20 s) */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;
const LOG_TAIL_LINES = 40;

/** deploy/local/kafka/kafka.sh in the source tree (this file also runs from dist/deploy/local/kafka/). */
export function kafkaScriptPath(): string {
  return path.join(findRepoRoot(__dirname), 'deploy', 'local', 'kafka', 'kafka.sh');
}

export async function startLocalKafka(opts: LocalKafkaOptions): Promise<LocalKafka> {
  const log = opts.onLog ?? (() => undefined);
  const script = kafkaScriptPath();
  const dataDir = path.resolve(opts.dataDir);
  const brokers = `127.0.0.1:${opts.port}`;

  await stopStaleKafka(dataDir, log);
  await assertPortsFree([opts.port, opts.controllerPort], 'Kafka', 'set KAFKA_BROKERS to use a broker that is already running');

  // 1. jars (a no-op once they are cached)
  await fetchKafkaJars(log);

  // 2. the broker: kafka.sh execs java, so the spawned pid is the JVM itself
  fs.mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  const tail: string[] = [];
  const child = spawn('bash', [script, 'run', dataDir, String(opts.port), String(opts.controllerPort)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > LOG_TAIL_LINES) tail.shift();
    log(line);
  };
  forEachLine(child.stdout, onLine);
  forEachLine(child.stderr, onLine);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  // last resort: if this process exits without stop() (an uncaught error), do not leave the JVM behind
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  let stopRequested = false;
  const stop = (): Promise<void> => {
    stopRequested = true;
    return stopChild(child, exited, log);
  };

  // 3. ready when a client can list topics
  let ready = false;
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((info) => (exitInfo = info));
  let spawnFailure: Error | undefined;
  void spawnError.then((err) => (spawnFailure = err));
  let lastError = '';
  while (!ready) {
    if (spawnFailure) throw new Error(`could not start kafka.sh: ${spawnFailure.message}`);
    if (exitInfo) {
      throw new Error(
        `the Kafka broker exited during start-up (code ${exitInfo.code}, signal ${exitInfo.signal}); its last lines:\n${tail.join('\n')}`,
      );
    }
    if (Date.now() - started > READY_TIMEOUT_MS) {
      await stop();
      throw new Error(
        `the Kafka broker did not answer on ${brokers} within ${READY_TIMEOUT_MS / 1000} s (${lastError}); its last lines:\n${tail.join('\n')}`,
      );
    }
    try {
      await listTopics(brokers);
      ready = true;
    } catch (err) {
      lastError = (err as Error).message;
      await Promise.race([sleep(300), exited]);
    }
  }
  const startupMs = Date.now() - started;
  log(`kafka broker ready on ${brokers} (pid ${child.pid}) in ${startupMs} ms`);
  void exited.then(({ code, signal }) => {
    if (!stopRequested) log(`ERROR: the kafka broker exited unexpectedly (code ${code}, signal ${signal})`);
  });
  return { brokers, pid: child.pid!, stop };
}

/** Fetches Apache Kafka's jars from Maven Central into .jaring/kafka, once (kafka.sh fetch: a no-op once cached). */
export async function fetchKafkaJars(log: (line: string) => void): Promise<void> {
  const fetchStarted = Date.now();
  await runToEnd('bash', [kafkaScriptPath(), 'fetch'], log);
  if (Date.now() - fetchStarted > 2000) log(`kafka jars ready in ${Date.now() - fetchStarted} ms`);
}

/**
 * Stops a broker left running on this data folder by a parent that was killed (kafka.sh writes
 * broker.pid before it execs java). A no-op when there is none.
 */
export async function stopStaleKafka(dataDir: string, log: (line: string) => void = () => undefined): Promise<void> {
  const pidFile = path.join(path.resolve(dataDir), 'broker.pid');
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').trim(), 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  const args = commandLine(pid);
  if (args && args.includes('kafka.Kafka') && args.includes(path.resolve(dataDir))) {
    log(`stopping a Kafka broker left running on ${dataDir} (pid ${pid})`);
    await killAndWait(pid, 'SIGTERM', STOP_TIMEOUT_MS);
  }
  fs.rmSync(pidFile, { force: true });
}

async function listTopics(brokers: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'jaring-local-kafka-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, log: (line: string) => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const t0 = Date.now();
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    log(`kafka broker (pid ${child.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s: SIGKILL`);
    child.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
  log(`kafka broker stopped in ${Date.now() - t0} ms`);
}

function runToEnd(cmd: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const onLine = (line: string): void => {
      lines.push(line);
      log(line);
    };
    forEachLine(child.stdout, onLine);
    forEachLine(child.stderr, onLine);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(args[0] ?? cmd)} ${args.slice(1).join(' ')} failed (code ${code}, signal ${signal}):\n${lines.slice(-LOG_TAIL_LINES).join('\n')}`,
          ),
        );
    });
  });
}
