// PostgreSQL, Kafka and the OpenID provider for development (`npm start`, profile "platform") and tests
// (jest's global setup, profile "test"). Each is used from the environment when given (DATABASE_URL,
// KAFKA_BROKERS, OIDC_ISSUER), else started locally: an embedded PostgreSQL, a single-node Kafka broker from
// Apache's jars and the development OpenID provider (oidc/development-provider.ts) in this process.
//
// As a script:  node dist/deploy/local/infra.js --profile test|platform
//   prints one line to stdout:  JARING_INFRA_READY {"databaseUrl":"...","kafkaBrokers":"...","oidcIssuer":"..."}
//   logs JSON lines to stderr; stops everything on SIGTERM/SIGINT/SIGHUP, when its parent dies or
//   when its IPC channel closes, then exits 0.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalKafka, stopStaleKafka } from './kafka/local-kafka';
import { startDevelopmentProvider } from './oidc/development-provider';
import { startLocalPostgres, stopStalePostgres } from './postgres/local-postgres';
import { assertPortsFree, commandLine, findRepoRoot } from './process-utils';

export type InfraProfile = 'platform' | 'test';

export interface Infrastructure {
  databaseUrl: string;
  kafkaBrokers: string;
  /** the development OpenID provider's issuer (or OIDC_ISSUER's) */
  oidcIssuer: string;
  /** stops what was started here (nothing for servers given by the environment); idempotent */
  stop(): Promise<void>;
}

interface ProfileSettings {
  postgresPort: number;
  kafkaPort: number;
  kafkaControllerPort: number;
  /** the development OpenID provider */
  oidcPort: number;
  /** data under .jaring/data (kept) or in a fresh temporary folder (removed on stop) */
  persistent: boolean;
}

export const PROFILES: Record<InfraProfile, ProfileSettings> = {
  platform: { postgresPort: 54320, kafkaPort: 9092, kafkaControllerPort: 9093, oidcPort: 3005, persistent: true },
  test: { postgresPort: 54330, kafkaPort: 19092, kafkaControllerPort: 19093, oidcPort: 13005, persistent: false },
};

/** What a running infrastructure left in .jaring/run/, so that the next run can clean up after a crash. */
interface RunRecord {
  pid: number;
  postgresDir?: string;
  kafkaDir?: string;
  tempDir?: string;
}

export { findRepoRoot };

export async function startInfrastructure(profile: InfraProfile, log: (line: string) => void): Promise<Infrastructure> {
  const settings = PROFILES[profile];
  if (!settings) throw new Error(`unknown infrastructure profile "${profile}" (platform or test)`);
  const repo = findRepoRoot(__dirname);
  const envDatabaseUrl = process.env.DATABASE_URL;
  const envKafkaBrokers = process.env.KAFKA_BROKERS;
  const envOidcIssuer = process.env.OIDC_ISSUER;
  const t0 = Date.now();

  const runDir = path.join(repo, '.jaring', 'run');
  fs.mkdirSync(runDir, { recursive: true });
  const recordFile = path.join(runDir, `infra-${profile}.json`);

  let tempDir: string | undefined;
  let postgresDir: string | undefined;
  let kafkaDir: string | undefined;
  if (!envDatabaseUrl || !envKafkaBrokers) {
    await cleanUpAfterPreviousRun(recordFile, profile, log);
    if (settings.persistent) {
      postgresDir = path.join(repo, '.jaring', 'data', 'postgres');
      kafkaDir = path.join(repo, '.jaring', 'data', 'kafka');
    } else {
      tempDir = fs.mkdtempSync(path.join(os.tmpdir(), `jaring-${profile}-`));
      // the PostgreSQL server may run as the user "postgres" (when we are root): it must enter this folder
      fs.chmodSync(tempDir, 0o755);
      postgresDir = path.join(tempDir, 'postgres');
      kafkaDir = path.join(tempDir, 'kafka');
    }
    if (envDatabaseUrl) postgresDir = undefined;
    if (envKafkaBrokers) kafkaDir = undefined;
    fs.mkdirSync(path.join(repo, '.jaring', 'data'), { recursive: true });
    const record: RunRecord = { pid: process.pid, postgresDir, kafkaDir, tempDir };
    fs.writeFileSync(recordFile, JSON.stringify(record));
  }

  // fail fast, before anything starts, when a port is taken (a leftover is stopped above)
  await assertPortsFree(
    [
      ...(envDatabaseUrl ? [] : [settings.postgresPort]),
      ...(envKafkaBrokers ? [] : [settings.kafkaPort, settings.kafkaControllerPort]),
      ...(envOidcIssuer ? [] : [settings.oidcPort]),
    ],
    `the ${profile} infrastructure`,
    'set DATABASE_URL / KAFKA_BROKERS to use servers that are already running',
  ).catch((err: unknown) => {
    if (tempDir || postgresDir || kafkaDir) fs.rmSync(recordFile, { force: true });
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    throw err;
  });

  const tag = (component: string) => (line: string) => log(`[${component}] ${line}`);

  const postgresPromise = envDatabaseUrl
    ? Promise.resolve({ url: envDatabaseUrl, stop: () => Promise.resolve() })
    : startLocalPostgres({
        dataDir: postgresDir!,
        port: settings.postgresPort,
        persistent: settings.persistent,
        onLog: tag('postgres'),
      });
  const kafkaPromise = envKafkaBrokers
    ? Promise.resolve({ brokers: envKafkaBrokers, stop: () => Promise.resolve() })
    : startLocalKafka({
        dataDir: kafkaDir!,
        port: settings.kafkaPort,
        controllerPort: settings.kafkaControllerPort,
        onLog: tag('kafka'),
      });
  const oidcPromise = envOidcIssuer
    ? Promise.resolve({ issuer: envOidcIssuer, stop: () => Promise.resolve() })
    : startDevelopmentProvider({ port: settings.oidcPort });
  if (envOidcIssuer) log(`using the OpenID provider of OIDC_ISSUER (${envOidcIssuer})`);
  if (envDatabaseUrl) log(`using PostgreSQL from DATABASE_URL`);
  if (envKafkaBrokers) log(`using Kafka from KAFKA_BROKERS (${envKafkaBrokers})`);

  let stopping: Promise<void> | undefined;
  const makeStop = (stops: Array<() => Promise<void>>) => (): Promise<void> =>
    (stopping ??= (async () => {
      const results = await Promise.allSettled(stops.map((s) => s()));
      for (const r of results) if (r.status === 'rejected') log(`stop failed: ${String(r.reason)}`);
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
      if (postgresDir || kafkaDir) fs.rmSync(recordFile, { force: true });
    })());

  const [pgResult, kafkaResult, oidcResult] = await Promise.allSettled([postgresPromise, kafkaPromise, oidcPromise]);
  if (pgResult.status === 'rejected' || kafkaResult.status === 'rejected' || oidcResult.status === 'rejected') {
    // one failed: stop the others, then report
    const started = [pgResult, kafkaResult, oidcResult].flatMap((r) => (r.status === 'fulfilled' ? [() => r.value.stop()] : []));
    await makeStop(started)();
    const reasons = [pgResult, kafkaResult, oidcResult].flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as Error).message ?? String(r.reason)] : [],
    );
    throw new Error(`the ${profile} infrastructure did not start:\n${reasons.join('\n')}`);
  }
  log(
    `infrastructure (${profile}) ready in ${Date.now() - t0} ms: postgres ${redact(pgResult.value.url)}, kafka ${kafkaResult.value.brokers}, OpenID provider ${oidcResult.value.issuer}`,
  );
  return {
    databaseUrl: pgResult.value.url,
    kafkaBrokers: kafkaResult.value.brokers,
    oidcIssuer: oidcResult.value.issuer,
    // services may still be closing their Kafka clients: stop the broker and the database together
    stop: makeStop([() => pgResult.value.stop(), () => kafkaResult.value.stop(), () => oidcResult.value.stop()]),
  };
}

/** A run that was killed (SIGKILL, power cut) may have left servers and a temporary folder behind. */
async function cleanUpAfterPreviousRun(recordFile: string, profile: InfraProfile, log: (line: string) => void): Promise<void> {
  let record: RunRecord;
  try {
    record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as RunRecord;
  } catch {
    return;
  }
  if (record.pid !== process.pid && isInfraProcess(record.pid)) {
    throw new Error(`another ${profile} infrastructure is running (pid ${record.pid}); stop it first (kill ${record.pid})`);
  }
  log(`cleaning up after a previous ${profile} run that did not stop (pid ${record.pid})`);
  await Promise.all([
    record.kafkaDir ? stopStaleKafka(record.kafkaDir, log) : undefined,
    record.postgresDir ? stopStalePostgres(record.postgresDir, log) : undefined,
  ]);
  if (record.tempDir && path.basename(record.tempDir).startsWith('jaring-')) {
    fs.rmSync(record.tempDir, { recursive: true, force: true });
  }
  fs.rmSync(recordFile, { force: true });
}

/** Whether the process that wrote the record still runs (a live node process with that pid). */
function isInfraProcess(pid: number): boolean {
  const args = commandLine(pid);
  return !!args && /node/i.test(args);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

// ---------------------------------------------------------------------------------------------
// script mode

function jsonLog(level: 'info' | 'warn' | 'error', msg: string): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, component: 'infra', msg })}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--profile');
  const profile = (i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length)) ?? 'platform';
  if (profile !== 'platform' && profile !== 'test') {
    jsonLog('error', `usage: infra.js --profile test|platform (got "${profile}")`);
    process.exit(2);
  }

  // stderr carries JSON lines only: Node's own warnings too. kafkajs 2.2.4 (readiness probe) sets a
  // negative timer on Node >= 23, a harmless TimeoutNegativeWarning (tulios/kafkajs#1751): dropped.
  // a parent that died takes our pipes with it: keep going (and stop, below) rather than crash on EPIPE
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name !== 'TimeoutNegativeWarning') jsonLog('warn', `${warning.name}: ${warning.message}`);
  });

  let shuttingDown = false;
  const shutdown = async (reason: string, code: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    jsonLog('info', `stopping (${reason})`);
    try {
      // a signal during start-up: let the start finish (or fail and clean up), then stop (the handlers are
      // set up before the start below, and run only after it began)
      const infra = await startPromise.catch(() => undefined);
      await infra?.stop();
    } catch (err) {
      jsonLog('error', `stop failed: ${(err as Error).message}`);
      code = code || 1;
    }
    jsonLog('info', 'stopped');
    process.exit(code);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(signal, 0));
  }
  // no orphan broker or database when whoever started us goes away
  if (process.send) process.on('disconnect', () => void shutdown('parent disconnected', 0));
  // (this timer also keeps the process alive when nothing was started: servers from the environment)
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) void shutdown(`parent ${parentPid} exited`, 0);
  }, 1000);

  const startPromise = startInfrastructure(profile, (line) => jsonLog('info', line));
  let infra: Infrastructure;
  try {
    infra = await startPromise;
  } catch (err) {
    jsonLog('error', (err as Error).message);
    if (!shuttingDown) process.exit(1);
    return;
  }
  if (shuttingDown) return;
  process.stdout.write(
    `JARING_INFRA_READY ${JSON.stringify({ databaseUrl: infra.databaseUrl, kafkaBrokers: infra.kafkaBrokers, oidcIssuer: infra.oidcIssuer })}\n`,
  );
}

if (require.main === module) {
  void main();
}
