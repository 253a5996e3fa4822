// `npm run cluster`: the production shape on one machine. Three Kafka nodes in KRaft mode (each broker and
// controller; topics with the production partition count, 3 replicas, min.insync.replicas 2), PostgreSQL as
// `npm start` has it (DATABASE_URL, else an embedded server of the cluster's own), the development OpenID provider
// (OIDC_ISSUER, else started here), two replicas of each service on ports of their own, and HAProxy in front of
// each service's replicas, so a client sees one address per service. Every process is supervised as `npm start`
// supervises its services (supervisor.ts): one that exits unexpectedly is started again after a wait.
// Ctrl-C stops everything.
//
// Data (kept between runs): .jaring/data/cluster. Log of every process: .jaring/cluster.log.
// Environment: DATABASE_URL, OIDC_ISSUER (servers already running), NODE_ENV (default development).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { developmentSecrets } from '../dev-settings';
import { startDevelopmentProvider } from '../oidc/development-provider';
import { startLocalPostgres } from '../postgres/local-postgres';
import { assertPortsFree, findRepoRoot, forEachLine, printableDatabaseUrl } from '../process-utils';
import { healthProbe, Supervised, type SupervisorEvent, type SupervisorLog } from '../supervisor';
import {
  bootstrapServers,
  clusterId,
  createClusterTopics,
  kafkaNodeProcess,
  kafkaNodes,
  prepareKafkaNodes,
  PRODUCTION_PARTITIONS,
  quorumLeader,
  type KafkaNode,
} from './kafka-cluster';
import { loadBalancerProcess, replicaName, stopStaleLoadBalancer } from './load-balancer';

export const SERVICES = ['enrollment', 'contributions', 'subsidies', 'claims'] as const;
export type ServiceName = (typeof SERVICES)[number];
export const REPLICAS = 2;

/** Where everything listens. */
export interface ClusterLayout {
  kafka: Array<{ port: number; controllerPort: number }>;
  /** The embedded PostgreSQL's, when DATABASE_URL names none. */
  postgresPort: number;
  /** The development OpenID provider's, when OIDC_ISSUER names none. */
  oidcPort: number;
  /** Each service's load balancer port, where clients reach it; its replicas listen on port + 10 × (its rank) + 1, + 2... */
  services: Record<ServiceName, { port: number; replicaPorts: number[] }>;
  statsPort: number;
}

/** `npm run cluster`: the services where `npm start` has them (3001-3004), behind HAProxy; Kafka beside the single broker's ports. */
export const CLUSTER_LAYOUT: ClusterLayout = layout({ firstKafkaPort: 9192, postgresPort: 54340, oidcPort: 3005, firstServicePort: 3001 });

export function layout(ports: { firstKafkaPort: number; postgresPort: number; oidcPort: number; firstServicePort: number }): ClusterLayout {
  const { firstKafkaPort, firstServicePort } = ports;
  return {
    kafka: [0, 1, 2].map((i) => ({ port: firstKafkaPort + 100 * i, controllerPort: firstKafkaPort + 100 * i + 1 })),
    postgresPort: ports.postgresPort,
    oidcPort: ports.oidcPort,
    // 3001 → replicas 3011, 3012; 3002 → 3021, 3022...
    services: Object.fromEntries(
      SERVICES.map((name, i) => [
        name,
        {
          port: firstServicePort + i,
          replicaPorts: Array.from({ length: REPLICAS }, (_, r) => firstServicePort - 1 + 10 * (i + 1) + r + 1),
        },
      ]),
    ) as ClusterLayout['services'],
    statsPort: firstServicePort + 98,
  };
}

export interface ClusterOptions {
  layout: ClusterLayout;
  /** Data of the Kafka nodes, the embedded PostgreSQL and HAProxy's configuration. */
  dataDir: string;
  /** Use this PostgreSQL server (else an embedded one, data under dataDir). */
  databaseUrl?: string;
  /** Use this OpenID provider (else the development provider). */
  oidcIssuer?: string;
  /** Databases `<prefix>_<service>` instead of `jaring_<service>`. */
  databasePrefix?: string;
  /** More settings for every replica. */
  env?: Record<string, string>;
  log: SupervisorLog;
  /** Every line the processes write. */
  output: (source: string, line: string) => void;
  onEvent?: (event: SupervisorEvent) => void;
  /** A process keeps crashing at start: the cluster stops (this says why). */
  onGiveUp: (reason: string) => void;
}

export interface Replica {
  service: ServiceName;
  /** "claims-2": as HAProxy's statistics name it. */
  name: string;
  port: number;
  process: Supervised;
}

export interface RunningCluster {
  brokers: string;
  nodes: Array<{ node: KafkaNode; process: Supervised }>;
  replicas: Replica[];
  balancer: Supervised;
  /** Each service's address behind the load balancer. */
  urls: Record<ServiceName, string>;
  databaseUrl: string;
  oidcIssuer: string;
  database(service: ServiceName): string;
  /** The node leading the controller quorum. */
  quorumLeader(): { leaderId: number; epoch: number } | undefined;
  stop(): Promise<void>;
}

const INFRA_TIMEOUT_MS = 300_000; // a first run fetches Kafka's jars
const REPLICA_HEALTH_TIMEOUT_MS = 180_000; // eight Nest applications starting on two cores
const REPLICA_STOP_TIMEOUT_MS = 15_000;
const KAFKA_STOP_TIMEOUT_MS = 30_000;

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const { layout: ports, log } = options;
  const dist = path.join(findRepoRoot(__dirname), 'dist');
  const nodes = kafkaNodes(options.dataDir, ports.kafka);
  const lbDir = path.join(options.dataDir, 'load-balancer');
  const tag = (source: string) => (line: string) => options.output(source, line);
  await stopStaleLoadBalancer(lbDir, tag('load-balancer'));
  await prepareKafkaNodes(nodes, tag('kafka'));
  await assertPortsFree(
    [
      ...nodes.flatMap((n) => [n.port, n.controllerPort]),
      ...(options.databaseUrl ? [] : [ports.postgresPort]),
      ...(options.oidcIssuer ? [] : [ports.oidcPort]),
      ...SERVICES.flatMap((s) => [ports.services[s].port, ...ports.services[s].replicaPorts]),
      ports.statsPort,
    ],
    'the cluster',
  );

  let stopping = false;
  const context = { stopping: () => stopping, giveUp: options.onGiveUp, log, onEvent: options.onEvent };
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    stopping = true;
    // the load balancer and the replicas first, then Kafka, PostgreSQL and the provider
    for (const stop of stops.reverse()) await stop().catch((error: Error) => log('warn', `stop failed: ${error.message}`));
  };

  try {
    const id = clusterId(options.dataDir);
    const postgres = options.databaseUrl
      ? Promise.resolve({ url: options.databaseUrl, stop: () => Promise.resolve() })
      : startLocalPostgres({
          dataDir: path.join(options.dataDir, 'postgres'),
          port: ports.postgresPort,
          persistent: true,
          onLog: tag('postgres'),
        });
    const oidc = options.oidcIssuer
      ? Promise.resolve({ issuer: options.oidcIssuer, stop: () => Promise.resolve() })
      : startDevelopmentProvider({ port: ports.oidcPort });
    const [pg, provider] = await Promise.all([postgres, oidc]);
    stops.push(
      () => pg.stop(),
      () => provider.stop(),
    );
    const kafka = nodes.map((node) => ({
      node,
      process: new Supervised(kafkaNodeProcess(node, nodes, id, tag(`kafka-${node.id}`)), context),
    }));
    stops.push(() => Promise.all(kafka.map((k) => k.process.stop('SIGTERM', KAFKA_STOP_TIMEOUT_MS))).then(() => undefined));
    await withTimeout(Promise.all(kafka.map((k) => k.process.healthy)), INFRA_TIMEOUT_MS, 'the Kafka nodes');
    const brokers = bootstrapServers(nodes);
    await createClusterTopics(brokers);
    log('info', `Kafka cluster ready: ${brokers}, topics with ${PRODUCTION_PARTITIONS} partitions, 3 replicas, min.insync.replicas 2`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: pg.url,
      KAFKA_BROKERS: brokers,
      OIDC_ISSUER: provider.issuer,
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      // the topics are the cluster's, declared above as the production overlay declares them
      KAFKA_CREATE_TOPICS: 'false',
      // eight replicas share one PostgreSQL server (max_connections 200)
      DATABASE_POOL_SIZE: '8',
      ...developmentSecrets(),
      ...options.env,
    };
    if (env.NODE_ENV !== 'production') env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ??= 'true';
    const replicas: Replica[] = SERVICES.flatMap((service) =>
      ports.services[service].replicaPorts.map((port, index) => {
        const name = replicaName(service, index);
        const main = path.join(dist, 'apps', service, 'src', 'main.js');
        return {
          service,
          name,
          port,
          process: new Supervised(
            {
              name,
              spawn: () => {
                const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', main], {
                  stdio: ['ignore', 'pipe', 'pipe'],
                  env: {
                    ...env,
                    PORT: String(port),
                    KAFKA_CLIENT_ID: `jaring-${name}`,
                    ...(options.databasePrefix ? { DATABASE_NAME: `${options.databasePrefix}_${service}` } : {}),
                  },
                });
                forEachLine(child.stdout, tag(name));
                forEachLine(child.stderr, tag(name));
                return child;
              },
              probe: healthProbe(port),
              healthyMessage: `${name} is healthy on port ${port}`,
              healthTimeoutMs: REPLICA_HEALTH_TIMEOUT_MS,
            },
            context,
          ),
        };
      }),
    );
    stops.push(() => Promise.all(replicas.map((r) => r.process.stop('SIGTERM', REPLICA_STOP_TIMEOUT_MS))).then(() => undefined));
    await Promise.all(replicas.map((r) => r.process.healthy));
    // in front of replicas that answer: it starts with each of them in the rotation
    const balancer = new Supervised(
      loadBalancerProcess(
        {
          backends: SERVICES.map((name) => ({ name, ...ports.services[name] })),
          statsPort: ports.statsPort,
          dir: lbDir,
        },
        tag('load-balancer'),
      ),
      context,
    );
    stops.push(() => balancer.stop('SIGTERM', 5_000));
    await balancer.healthy;
    return {
      brokers,
      nodes: kafka,
      replicas,
      balancer,
      urls: Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${ports.services[s].port}`])) as Record<ServiceName, string>,
      databaseUrl: pg.url,
      oidcIssuer: provider.issuer,
      database: (service) => (options.databasePrefix ? `${options.databasePrefix}_${service}` : `jaring_${service}`),
      quorumLeader: () => quorumLeader(nodes),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not start within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// script mode: npm run cluster

function log(level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, component: 'cluster', msg, ...extra })}\n`);
}

async function main(): Promise<void> {
  const repo = findRepoRoot(__dirname);
  const logFile = path.join(repo, '.jaring', 'cluster.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream = fs.createWriteStream(logFile, { flags: 'w' });
  let shuttingDown = false;
  // set once started: a signal during the start stops the cluster as soon as it is up
  const running: { cluster?: RunningCluster } = {};
  const shutdown = async (reason: string, code: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(code === 0 ? 'info' : 'error', `stopping everything (${reason})`);
    await running.cluster?.stop();
    log('info', 'stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0));
  log(
    'info',
    `starting three Kafka nodes, PostgreSQL, the OpenID provider, ${REPLICAS} replicas of each service and HAProxy (log: ${path.relative(repo, logFile)})`,
  );
  const startedAt = Date.now();
  const cluster = await startCluster({
    layout: CLUSTER_LAYOUT,
    dataDir: path.join(repo, '.jaring', 'data', 'cluster'),
    databaseUrl: process.env.DATABASE_URL,
    oidcIssuer: process.env.OIDC_ISSUER,
    log,
    output: (source, line) => {
      logStream.write(`[${source}] ${line}\n`);
      if (/"level":"(error|fatal)"|\b(ERROR|FATAL|PANIC)\b/.test(line)) process.stderr.write(`[${source}] ${line}\n`);
    },
    onGiveUp: (reason) => void shutdown(reason, 1),
  });
  running.cluster = cluster;
  if (shuttingDown) return void (await cluster.stop());
  printTable(cluster, Date.now() - startedAt);
}

function printTable(cluster: RunningCluster, ms: number): void {
  const rows = SERVICES.map((s) => {
    const replicas = cluster.replicas.filter((r) => r.service === s).map((r) => `${r.name} :${r.port}`);
    return `  ${s.padEnd(14)} ${cluster.urls[s].padEnd(24)} ${replicas.join(', ')}`;
  });
  const out = [
    '',
    `Jaring is running as a cluster (ready in ${(ms / 1000).toFixed(0)} s)`,
    '',
    `  ${'service'.padEnd(14)} ${'URL (HAProxy)'.padEnd(24)} replicas`,
    ...rows,
    '',
    `  HAProxy stats  http://127.0.0.1:${CLUSTER_LAYOUT.statsPort}/`,
    `  Kafka          ${cluster.brokers} (KRaft, each node broker and controller)`,
    `  Sign-in        ${cluster.oidcIssuer} (development users and clients: README, "Signing in")`,
    `  PostgreSQL     ${printableDatabaseUrl(cluster.databaseUrl)}`,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    log('error', (error as Error).message ?? String(error));
    process.exit(1);
  });
}
