// `npm start`: the whole platform on one machine. Starts PostgreSQL and Kafka (deploy/local/infra.ts,
// profile "platform": embedded PostgreSQL on 54320 and a Kafka broker on 9092 unless DATABASE_URL /
// KAFKA_BROKERS say otherwise), then the four services as separate Node processes, waits until each
// answers GET /health, then serves the back-office console (apps/console, built with Vite while the rest
// starts) at http://127.0.0.1:3000 with the services' APIs behind it, and prints where everything is. A service
// that exits unexpectedly is started again after a wait (supervisor.ts, restart-policy.ts), the others serving meanwhile; one
// that keeps crashing before it answers its health check stops everything. Ctrl-C stops the console and the
// services, then the infrastructure.
// `--except <service>[,<service>]` leaves services out, to run them by hand (`nest start <service> --watch`)
// with the settings written to .jaring/services.env.
//
// Environment: DATABASE_URL, KAFKA_BROKERS (use running servers), ENROLLMENT_PORT, CONTRIBUTIONS_PORT,
// SUBSIDIES_PORT, CLAIMS_PORT (3001-3004), CONSOLE_PORT (3000), JARING_DIST (the built code, default <repo>/dist),
// JARING_DOCS_PATH (the services' API docs path, default /docs), NODE_ENV (default development).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConsole } from './console/build-console';
import { startConsoleServer, type ConsoleServer } from './console/serve-console';
import { playDemo } from './demo';
import { developmentSecretNames, developmentSecrets } from './dev-settings';
import { CONSOLE_CLIENT } from './oidc/development-identities';
import { assertPortsFree, findRepoRoot, forEachLine, printableDatabaseUrl } from './process-utils';
import { healthProbe, Supervised, type SupervisedProcess } from './supervisor';

interface Service {
  name: string;
  port: number;
  main: string;
  process?: Supervised;
}

const SERVICE_NAMES: Array<[string, number]> = [
  ['enrollment', 3001],
  ['contributions', 3002],
  ['subsidies', 3003],
  ['claims', 3004],
];
const INFRA_READY_TIMEOUT_MS = 300_000; // a first run fetches Kafka's jars from Maven Central
const HEALTH_TIMEOUT_MS = 120_000;
const SERVICE_STOP_TIMEOUT_MS = 15_000;
const INFRA_STOP_TIMEOUT_MS = 60_000;
const READY_PREFIX = 'JARING_INFRA_READY ';

function log(level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, component: 'start', msg, ...extra })}\n`);
}

async function main(): Promise<void> {
  const repo = findRepoRoot(__dirname);
  const dist = path.resolve(process.env.JARING_DIST ?? path.join(repo, 'dist'));
  const left = leftOut(process.argv.slice(2));
  const services: Service[] = SERVICE_NAMES.filter(([name]) => !left.includes(name)).map(([name, defaultPort]) => ({
    name,
    port: Number.parseInt(process.env[`${name.toUpperCase()}_PORT`] ?? String(defaultPort), 10),
    main: path.join(dist, 'apps', name, 'src', 'main.js'),
  }));
  const missing = services.filter((s) => !fs.existsSync(s.main));
  if (missing.length > 0) {
    log('error', `not built: ${missing.map((s) => path.relative(repo, s.main)).join(', ')} (run npm run build)`);
    process.exit(1);
  }
  const consolePort = Number.parseInt(process.env.CONSOLE_PORT ?? '3000', 10);
  await assertPortsFree([...services.map((s) => s.port), consolePort], 'the services and the console');

  let shuttingDown = false;
  let consoleServer: ConsoleServer | undefined;
  // built while the infrastructure starts; served once the services are healthy
  const consoleBuild = buildConsole(repo, (msg) => log('info', msg));
  consoleBuild.catch(() => undefined); // awaited below; a failure is reported there

  // `infra` and `infraExited` are set just below, before any signal can be handled.
  const shutdown = async (reason: string, code: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(code === 0 ? 'info' : 'error', `stopping everything (${reason})`);
    await consoleServer?.stop();
    await Promise.all(services.map((s) => (s.process ? s.process.stop('SIGTERM', SERVICE_STOP_TIMEOUT_MS) : Promise.resolve())));
    await stopInfra();
    log('info', 'stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(signal, 0));
  }

  // 1. infrastructure, in its own process group: Ctrl-C reaches the services first, and the database
  //    and the broker stop after them (infra.js also stops by itself if this process dies)
  const infraLog = path.join(repo, '.jaring', 'infra.log');
  fs.mkdirSync(path.dirname(infraLog), { recursive: true });
  const infraLogStream = fs.createWriteStream(infraLog, { flags: 'w' });
  const infra = spawn(process.execPath, [path.join(__dirname, 'infra.js'), '--profile', 'platform'], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
    env: process.env,
  });
  const infraExited = new Promise<void>((resolve) => infra.once('exit', () => resolve()));
  const stopInfra = async (): Promise<void> => {
    if (infra.exitCode !== null || infra.signalCode !== null) return;
    infra.kill('SIGTERM');
    const timer = setTimeout(() => {
      log('warn', `the infrastructure did not stop within ${INFRA_STOP_TIMEOUT_MS / 1000} s: SIGKILL`);
      infra.kill('SIGKILL');
    }, INFRA_STOP_TIMEOUT_MS);
    await infraExited;
    clearTimeout(timer);
  };
  const infraTail: string[] = [];
  forEachLine(infra.stderr!, (line) => {
    infraLogStream.write(`${line}\n`);
    infraTail.push(line);
    if (infraTail.length > 40) infraTail.shift();
    if (isWorthShowing(line)) process.stderr.write(`${line}\n`);
  });
  const ready = new Promise<{ databaseUrl: string; kafkaBrokers: string; oidcIssuer: string }>((resolve, reject) => {
    forEachLine(infra.stdout!, (line) => {
      if (line.startsWith(READY_PREFIX))
        resolve(JSON.parse(line.slice(READY_PREFIX.length)) as { databaseUrl: string; kafkaBrokers: string; oidcIssuer: string });
    });
    infra.once('exit', (code, signal) =>
      reject(new Error(`the infrastructure exited (code ${code}, signal ${signal}); see ${infraLog}:\n${infraTail.join('\n')}`)),
    );
    setTimeout(
      () => reject(new Error(`the infrastructure was not ready within ${INFRA_READY_TIMEOUT_MS / 1000} s; see ${infraLog}`)),
      INFRA_READY_TIMEOUT_MS,
    ).unref();
  });
  log('info', 'starting PostgreSQL, Kafka and the development OpenID provider');
  let endpoints: { databaseUrl: string; kafkaBrokers: string; oidcIssuer: string };
  try {
    endpoints = await ready;
  } catch (err) {
    if (!shuttingDown) {
      log('error', (err as Error).message);
      await shutdown('the infrastructure did not start', 1);
    }
    return;
  }
  if (shuttingDown) return;
  void infraExited.then(() => {
    if (!shuttingDown) void shutdown('the infrastructure exited unexpectedly', 1);
  });

  // 2. the services
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: endpoints.databaseUrl,
    KAFKA_BROKERS: endpoints.kafkaBrokers,
    OIDC_ISSUER: endpoints.oidcIssuer,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    KAFKAJS_NO_PARTITIONER_WARNING: process.env.KAFKAJS_NO_PARTITIONER_WARNING ?? '1',
    ...developmentSecrets(),
  };
  // A webhook receiver tried out locally listens on localhost: let the subsidies service deliver there (the
  // setting is refused in production, so not then).
  if (env.NODE_ENV !== 'production') env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? 'true';
  // The same settings for a service run by hand (`npx nest start enrollment --watch --env-file .jaring/services.env`).
  writeServicesEnv(path.join(repo, '.jaring', 'services.env'), env);
  const healthy = services.map((service) => {
    service.process = new Supervised(serviceProcess(service, env), {
      stopping: () => shuttingDown,
      giveUp: (reason) => void shutdown(reason, 1),
      log,
    });
    return service.process.healthy;
  });
  log('info', `starting ${services.map((s) => s.name).join(', ')}`);

  const t0 = Date.now();
  try {
    await Promise.all(healthy);
  } catch (err) {
    if (!shuttingDown) {
      log('error', (err as Error).message);
      await shutdown('a service did not become healthy', 1);
    }
    return;
  }
  if (shuttingDown) return;
  log('info', `all services healthy in ${Date.now() - t0} ms`);
  try {
    const { outDir } = await consoleBuild;
    const servicePort = (name: string) =>
      Number.parseInt(process.env[`${name.toUpperCase()}_PORT`] ?? '', 10) || SERVICE_NAMES.find(([known]) => known === name)![1];
    consoleServer = await startConsoleServer({
      staticDir: outDir,
      // services left out with --except run by hand on their usual ports: the console reaches them there
      services: {
        enrollment: `http://127.0.0.1:${servicePort('enrollment')}`,
        contributions: `http://127.0.0.1:${servicePort('contributions')}`,
        subsidies: `http://127.0.0.1:${servicePort('subsidies')}`,
        claims: `http://127.0.0.1:${servicePort('claims')}`,
      },
      issuer: endpoints.oidcIssuer,
      clientId: CONSOLE_CLIENT.clientId,
      port: consolePort,
      log: (msg, extra) => log('warn', msg, { component: 'console', ...extra }),
    });
  } catch (err) {
    if (!shuttingDown) {
      log('error', `the console did not start: ${(err as Error).message}`);
      await shutdown('the console did not start', 1);
    }
    return;
  }
  if (shuttingDown) return;
  printTable(services, endpoints, left, consoleServer.url);
  if (process.argv.includes('--demo')) {
    const url = (name: string) => `http://127.0.0.1:${services.find((s) => s.name === name)!.port}`;
    // The platform keeps running after the demo, whatever its outcome: look around, then Ctrl-C.
    await playDemo({
      enrollment: url('enrollment'),
      contributions: url('contributions'),
      subsidies: url('subsidies'),
      claims: url('claims'),
      issuer: endpoints.oidcIssuer,
    }).catch((error: Error) => log('error', `the demo failed: ${error.message}`));
  }
}

/** A service as the supervisor runs it: its built main on its port, healthy when GET /health answers 200. */
function serviceProcess(service: Service, env: NodeJS.ProcessEnv): SupervisedProcess {
  return {
    name: service.name,
    // kafkajs 2.2.4 sets a negative timer on Node 24 (tulios/kafkajs#1751): harmless, and noise in the logs.
    spawn: () =>
      spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', service.main], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...env, PORT: String(service.port) },
      }),
    probe: healthProbe(service.port),
    healthyMessage: `${service.name} is healthy on port ${service.port}`,
    healthTimeoutMs: HEALTH_TIMEOUT_MS,
  };
}

/** infra.js logs every PostgreSQL and Kafka line (kept in .jaring/infra.log); show its own lines and problems. */
function isWorthShowing(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string };
    if (entry.level && entry.level !== 'info') return true;
    const msg = entry.msg ?? '';
    if (/^\[kafka\] /.test(msg)) return /\b(ERROR|FATAL)\b|broker ready|jars ready|fetching|stopping a/.test(msg);
    if (/^\[postgres\] /.test(msg)) return /\b(ERROR|FATAL|PANIC)\b|postgres ready|initialising|stopping a/.test(msg);
    return true;
  } catch {
    return true;
  }
}

/**
 * `--except enrollment,claims`: the services that `npm start` leaves to you, to run one under `nest start --watch`
 * against the same Kafka and PostgreSQL. An unknown name is refused rather than silently ignored.
 */
function leftOut(args: string[]): string[] {
  const i = args.findIndex((a) => a === '--except' || a.startsWith('--except='));
  if (i < 0) return [];
  const value = args[i].startsWith('--except=') ? args[i].slice('--except='.length) : (args[i + 1] ?? '');
  const names = value.split(',').filter(Boolean);
  const unknown = names.filter((name) => !SERVICE_NAMES.some(([known]) => known === name));
  if (names.length === 0 || unknown.length > 0) {
    log('error', `--except takes service names (${SERVICE_NAMES.map(([name]) => name).join(', ')}); got "${value}"`);
    process.exit(1);
  }
  return names;
}

/** The settings the services get, for a service started by hand; development values only (see dev-settings.ts). */
const SERVICES_ENV_KEYS = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'NODE_ENV',
  'KAFKAJS_NO_PARTITIONER_WARNING',
  'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
  ...developmentSecretNames(),
];

function writeServicesEnv(file: string, env: NodeJS.ProcessEnv): void {
  const lines = SERVICES_ENV_KEYS.filter((key) => env[key] !== undefined).map((key) => `${key}=${env[key]}`);
  // what the services are started with here (see below), for a service that `nest start` runs
  lines.push('NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning');
  fs.writeFileSync(file, `# written by npm start: the settings of its services (development values)\n${lines.join('\n')}\n`, {
    mode: 0o600,
  });
}

function printTable(
  services: Service[],
  endpoints: { databaseUrl: string; kafkaBrokers: string; oidcIssuer: string },
  left: string[],
  consoleUrl: string,
): void {
  const docsPath = process.env.JARING_DOCS_PATH ?? '/docs';
  const rows: Array<[string, string, string]> = [
    ['service', 'URL', 'API docs'],
    ...services.map((s): [string, string, string] => [s.name, `http://127.0.0.1:${s.port}`, `http://127.0.0.1:${s.port}${docsPath}`]),
  ];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: [string, string, string]): string => `  ${r[0].padEnd(widths[0])}   ${r[1].padEnd(widths[1])}   ${r[2]}`;
  const out = [
    '',
    'Jaring is running',
    '',
    ...rows.map(line),
    '',
    `  Console      ${consoleUrl} (sign in as a development user: README, "Signing in")`,
    `  Sign-in      ${endpoints.oidcIssuer} (development users and clients: README, "Signing in")`,
    `  Kafka        ${endpoints.kafkaBrokers}`,
    `  PostgreSQL   ${printableDatabaseUrl(endpoints.databaseUrl)}`,
    '',
    ...(left.length
      ? [`  Not started: ${left.join(', ')}. Run one with: npx nest start ${left[0]} --watch --env-file .jaring/services.env`, '']
      : []),
    'Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    log('error', (err as Error).message ?? String(err));
    process.exit(1);
  });
}
