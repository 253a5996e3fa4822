import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ALL_TOPICS } from '@jaring/contracts';
import { developmentSecrets } from '../../../deploy/local/dev-settings';
import { findRepoRoot } from '../../../deploy/local/process-utils';
import { databaseUrlFor, freshDatabase, testInfrastructure } from '../../support/infrastructure';
import type { Kafka } from 'kafkajs';
import { createKafka } from '@jaring/messaging';
import { commitTopicEnds, createAllTopics, retriedWhileRetriable, testKafka, topicEnds } from '../../support/kafka';
import { exited } from '../../support/processes';
import { waitFor } from '../../support/wait-for';
import { testEventSealingKey } from '../../support/sealed-facts';

export const SERVICE_NAMES = ['enrollment', 'contributions', 'subsidies', 'claims'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

// From the sources (jest) or from dist/ (the scale bench): the repository either way.
const REPO = findRepoRoot(__dirname);

/**
 * Other runs' events a service group may still read on a topic before this story's: none. A registration in the
 * story's region that another test published since the group last ran would otherwise be sponsored by the story's
 * programmes (Kota Kupang sponsors every worker of 5371 who enrols) and change its figures.
 */
const MAX_INHERITED_LAG = 0;

/** Per topic, the messages a group has not read yet (all of them where it never committed). */
async function groupLag(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<Map<string, number>> {
  const ends = await topicEnds(kafka, topics);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await retriedWhileRetriable(() => admin.fetchOffsets({ groupId, topics: [...topics] }));
    const position = new Map(
      committed.flatMap(({ topic, partitions }) => partitions.map((p) => [`${topic}/${p.partition}`, Number(p.offset)] as const)),
    );
    const lag = new Map<string, number>();
    for (const end of ends) {
      const at = position.get(`${end.topic}/${end.partition}`) ?? -1;
      lag.set(end.topic, (lag.get(end.topic) ?? 0) + Number(end.offset) - (at < 0 ? 0 : at));
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

export interface PlatformOptions {
  /** Databases are `<databasePrefix>_<service>`, dropped and created afresh. */
  databasePrefix?: string;
  /** Ports of enrollment, contributions, subsidies, claims (in that order, consecutive from here). */
  firstPort?: number;
  /** The clock every service starts at (then moved with setClock). */
  startAt?: string;
  /** Extra environment per service. */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Where the services' output goes (appended), relative to the repository. */
  logFile?: string;
  /** The servers to run on; the test servers (DATABASE_URL, KAFKA_BROKERS) by default. */
  servers?: { databaseUrl: string; kafkaBrokers: string[]; oidcIssuer: string };
}

export interface RunningService {
  name: ServiceName;
  port: number;
  baseUrl: string;
  database: string;
  child: ChildProcess;
}

/**
 * The four services as separate processes from dist/, as they run in production (each its own Node
 * process, database, Kafka consumer group), on the test servers of DATABASE_URL and KAFKA_BROKERS, with
 * clock control so an end-to-end test can walk them through the months.
 */
export class Platform {
  readonly services = new Map<ServiceName, RunningService>();
  private log?: WriteStream;
  private logPath = '';
  /** The instant every service's clock was last set to: where a (re)started service's clock starts. */
  private clockAt?: string;

  constructor(private readonly options: PlatformOptions = {}) {
    this.clockAt = options.startAt;
  }

  url(name: ServiceName): string {
    return this.service(name).baseUrl;
  }

  service(name: ServiceName): RunningService {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service;
  }

  /** The connection string of a service's own database (for checks no public endpoint offers). */
  databaseUrl(name: ServiceName): string {
    return databaseUrlFor(this.servers().databaseUrl, this.service(name).database);
  }

  private servers(): { databaseUrl: string; kafkaBrokers: string[]; oidcIssuer: string } {
    return this.options.servers ?? testInfrastructure();
  }

  /** A Kafka client on the platform's broker. */
  kafka(clientId: string): Kafka {
    return this.options.servers ? createKafka({ brokers: this.options.servers.kafkaBrokers, clientId }) : testKafka(clientId);
  }

  async start(): Promise<this> {
    const prefix = this.options.databasePrefix ?? 'jaring_e2e';
    const logPath = join(REPO, this.options.logFile ?? '.jaring/e2e-platform.log');
    mkdirSync(join(logPath, '..'), { recursive: true });
    this.log = createWriteStream(logPath, { flags: 'a' });
    this.log.write(`\n==== platform starting ${new Date().toISOString()} ====\n`);
    this.logPath = logPath;

    const kafka = this.kafka('jaring-e2e-setup');
    await createAllTopics(kafka);
    // The services' groups (jaring-<service>) are shared with every earlier run on this broker; a long-lived
    // broker may hold a benchmark's hundreds of thousands of events, none of them this story's, and the tests
    // run before it publish workers of its regions. A group that lags starts at the ends of the topics it
    // lags on (moving a group costs a join of the group, about a second).
    await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const groupId = `jaring-${name}`;
        const lagging = [...(await groupLag(kafka, groupId, ALL_TOPICS))].filter(([, lag]) => lag > MAX_INHERITED_LAG);
        if (!lagging.length) return;
        this.note(`${groupId} lags on ${lagging.map(([topic, lag]) => `${topic} (${lag})`).join(', ')}: moved to the ends`);
        await commitTopicEnds(
          kafka,
          groupId,
          lagging.map(([topic]) => topic),
        ).catch((error: Error) => this.note(`could not move ${groupId} (a member is connected?): ${error.message}`));
      }),
    );
    this.note('topics ready, groups at the ends');
    for (const name of SERVICE_NAMES) {
      await freshDatabase(`${prefix}_${name}`, this.servers().databaseUrl);
      this.spawn(name);
    }
    await Promise.all(SERVICE_NAMES.map((name) => this.healthy(name)));
    if (this.options.startAt) await this.setClock(this.options.startAt);
    return this;
  }

  /** Kills one service (SIGKILL by default: a crash, no shutdown hooks) and waits for it to be gone. */
  async kill(name: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const { child } = this.service(name);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited(child);
    }
  }

  /** Starts a stopped service again on its port and database, and waits until it is healthy. */
  async restart(name: ServiceName): Promise<void> {
    this.spawn(name);
    await this.healthy(name);
  }

  private note(what: string): void {
    this.log?.write(`[e2e] ${new Date().toISOString()} ${what}\n`);
  }

  private spawn(name: ServiceName): void {
    const { databaseUrl, kafkaBrokers, oidcIssuer } = this.servers();
    const index = SERVICE_NAMES.indexOf(name);
    const database = `${this.options.databasePrefix ?? 'jaring_e2e'}_${name}`;
    const port = (this.options.firstPort ?? 14001) + index;
    const main = join(REPO, 'dist', 'apps', name, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx tsc -p tsconfig.build.json)`);
    const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', main], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        ...developmentSecrets({}),
        // the run's key: enrollment's events from other test files on the shared broker open here too
        EVENT_SEALING_KEY: testEventSealingKey(),
        DATABASE_URL: databaseUrl,
        DATABASE_NAME: database,
        KAFKA_BROKERS: kafkaBrokers.join(','),
        OIDC_ISSUER: oidcIssuer,
        PORT: String(port),
        NODE_ENV: 'test',
        CLOCK_CONTROL: 'true',
        // Started on the story's day (a restarted service on the day the others are at), never on the real
        // one: the service's scheduled work for the real month would run before its clock is set.
        ...(this.clockAt ? { CLOCK_START: this.clockAt } : {}),
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        ...(name === 'contributions' ? { SCHEDULE_INTERVAL_MS: '500' } : {}),
        // Partners' webhook receivers in the tests listen on 127.0.0.1.
        ...(name === 'subsidies' ? { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } : {}),
        ...this.options.env?.[name],
      },
    });
    const prefixLines = (chunk: Buffer) => this.log?.write(chunk.toString().replace(/^(?=.)/gm, `[${name}] `));
    child.stdout.on('data', prefixLines);
    child.stderr.on('data', prefixLines);
    child.once('exit', (code, signal) => this.note(`${name} exited (code ${code}, signal ${signal})`));
    this.services.set(name, { name, port, baseUrl: `http://127.0.0.1:${port}`, database, child });
  }

  private async healthy(name: ServiceName): Promise<void> {
    const service = this.service(name);
    await waitFor(
      async () => {
        if (service.child.exitCode !== null) throw new Error(`${service.name} exited with ${service.child.exitCode} (see ${this.logPath})`);
        const healthy = (await fetch(`${service.baseUrl}/health`).catch(() => undefined))?.status === 200;
        if (healthy) this.note(`${service.name} healthy`);
        return healthy;
      },
      `${service.name} healthy on ${service.port}`,
      90_000,
      250,
    );
  }

  /** Moves every service's clock (PUT /test/clock) to the same instant. */
  async setClock(iso: string): Promise<void> {
    this.clockAt = iso;
    await Promise.all(
      [...this.services.values()].map(async (service) => {
        const response = await fetch(`${service.baseUrl}/test/clock`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ now: iso }),
        });
        if (response.status !== 200)
          throw new Error(`${service.name}: PUT /test/clock answered ${response.status} ${await response.text()}`);
      }),
    );
  }

  /** SIGTERM to every service, then waits for them to exit (SIGKILL after 20 s). */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.services.values()].map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.kill('SIGTERM');
        await exited(child);
        clearTimeout(killer);
      }),
    );
    this.services.clear();
    await new Promise<void>((done) => (this.log ? this.log.end(done) : done()));
  }
}
