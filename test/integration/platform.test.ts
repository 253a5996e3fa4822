import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_TOPICS, deadLetterTopic } from '@jaring/contracts';
import { playDemo } from '../../deploy/local/demo';
import { developmentSecrets } from '../../deploy/local/dev-settings';
import { testInfrastructure } from '../support/infrastructure';
import { testEventSealingKey } from '../support/sealed-facts';
import { testKafka } from '../support/kafka';
import { exited } from '../support/processes';
import { waitFor } from '../support/wait-for';

const REPO = join(__dirname, '..', '..');
const SERVICES = { enrollment: 13001, contributions: 13002, subsidies: 13003, claims: 13004 };

/** `npm start` as a user runs it (against the test servers), then Ctrl-C. */
describe('the platform (npm start)', () => {
  let platform: ChildProcess;
  let output = '';

  beforeAll(async () => {
    const { databaseUrl, kafkaBrokers } = testInfrastructure();
    const ports = Object.fromEntries(Object.entries(SERVICES).map(([name, port]) => [`${name.toUpperCase()}_PORT`, String(port)]));
    platform = spawn(process.execPath, [join(REPO, 'dist', 'deploy', 'local', 'start.js')], {
      env: {
        ...process.env,
        ...ports,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: kafkaBrokers.join(','),
        LOG_LEVEL: 'warn',
        // the run's key (a setting given wins over the development value): other test files' events on the shared broker open too
        EVENT_SEALING_KEY: testEventSealingKey(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    platform.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    platform.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      async () => {
        const answers = await Promise.all(
          Object.values(SERVICES).map((port) =>
            fetch(`http://127.0.0.1:${port}/health`).then(
              (r) => r.ok,
              () => false,
            ),
          ),
        );
        return answers.every(Boolean);
      },
      'the four services to be healthy',
      120000,
      250,
    );
  });

  afterAll(async () => {
    if (platform && platform.exitCode === null) {
      platform.kill('SIGKILL');
      await exited(platform);
    }
  });

  it.each(Object.entries(SERVICES))('%s reports its database and Kafka up, metrics and OpenAPI', async (name, port) => {
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      status: string;
      info: Record<string, { status: string }>;
    };
    expect(health.status).toBe('ok');
    expect(health.info.database.status).toBe('up');
    expect(health.info.kafka.status).toBe('up');

    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await metrics.text()).toMatch(new RegExp(`jaring_outbox_backlog\\{service="${name}"\\} \\d+\n`));
    // The shared topics carry other tests' events, which the service may be answering right now: its
    // backlog is a moment's, and the relay empties it.
    await waitFor(
      async () => (await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).includes(`jaring_outbox_backlog{service="${name}"} 0\n`),
      `${name}'s outbox backlog to reach 0`,
      30000,
      250,
    );

    const openApi = (await (await fetch(`http://127.0.0.1:${port}/docs-json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes?: Record<string, unknown> };
    };
    expect(openApi.openapi).toMatch(/^3\./);
    // the scheme every signed-in route names (`@Allow`): the OpenID provider's bearer tokens
    expect(openApi.components.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(Object.keys(openApi.paths)).toContain('/health');
    const docs = await fetch(`http://127.0.0.1:${port}/docs`);
    expect(docs.status).toBe(200);
    // helmet's security headers, the OpenAPI UI's page included (its default CSP lets the UI load)
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(metrics.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('does not let anyone move the clock unless CLOCK_CONTROL is set', async () => {
    const response = await fetch(`http://127.0.0.1:${SERVICES.claims}/test/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"now":"2030-01-01T00:00:00Z"}',
    });
    expect(response.status).toBe(404);
  });

  it('printed where each service listens, and where to sign in', () => {
    for (const port of Object.values(SERVICES)) expect(output).toContain(`http://127.0.0.1:${port}`);
    expect(output).toContain(`Sign-in      ${testInfrastructure().oidcIssuer}`);
  });

  it('created every topic and its dead-letter topic', async () => {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      for (const topic of ALL_TOPICS) expect(topics).toEqual(expect.arrayContaining([topic, deadLetterTopic(topic)]));
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [ALL_TOPICS[0]] })).topics;
      expect(metadata.partitions).toHaveLength(6);
    } finally {
      await admin.disconnect();
    }
  });

  it('starts a service killed with SIGKILL again, saying so, while the others keep serving', async () => {
    // npm start's own lines about claims (the services' logs share the output: their lines have no `component`)
    const launches = () =>
      output
        .split('\n')
        .flatMap((line) => {
          try {
            return [
              JSON.parse(line) as {
                component?: string;
                msg: string;
                service?: string;
                pid?: number;
                code?: number | null;
                signal?: string;
                restarts?: number;
              },
            ];
          } catch {
            return [];
          }
        })
        .filter((entry) => entry.component === 'start' && entry.service === 'claims');
    const [first] = launches().filter((entry) => entry.msg === 'claims started');
    expect(first).toMatchObject({ restarts: 0, pid: expect.any(Number) });

    process.kill(first.pid!, 'SIGKILL');
    let othersAnswered = 0;
    await waitFor(
      async () => {
        // while claims is down and coming back, enrollment answers as before
        if ((await fetch(`http://127.0.0.1:${SERVICES.enrollment}/health/live`)).status === 200) othersAnswered++;
        return launches().some((entry) => entry.msg === 'claims is healthy again');
      },
      'claims started again and healthy',
      60_000,
      100,
    );
    expect(
      launches().map(({ msg, code, signal, restarts }) => ({ msg: msg.replace(/ in [\d.]+ s$/, ''), code, signal, restarts })),
    ).toEqual([
      { msg: 'claims started', restarts: 0 },
      { msg: 'claims exited unexpectedly (code null, signal SIGKILL); starting it again', code: null, signal: 'SIGKILL', restarts: 1 },
      { msg: 'claims started', restarts: 1 },
      { msg: 'claims is healthy again', restarts: 1 },
    ]);
    expect(othersAnswered).toBeGreaterThan(0);
    expect(platform.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${SERVICES.claims}/health`)).status).toBe(200);
  });

  it('plays the demo on it: the short story, told in plain words', async () => {
    const url = (port: number) => `http://127.0.0.1:${port}`;
    const lines: string[] = [];
    await playDemo(
      {
        enrollment: url(SERVICES.enrollment),
        contributions: url(SERVICES.contributions),
        subsidies: url(SERVICES.subsidies),
        claims: url(SERVICES.claims),
        issuer: testInfrastructure().oidcIssuer,
      },
      (line) => lines.push(line),
    );
    const told = lines.join('\n');
    expect(told).toContain('Enrolled 6, duplicates 0, failed 0.');
    expect(told).toMatch(
      /pays their \d{4}-\d{2} contribution, Rp16\.800, Rp16\.800, Rp16\.800, Rp16\.800 \(no discount for a government payer\): covered until \d{4}-\d{2}-\d{2}\./,
    );
    expect(told).toMatch(/Fransiskus Lake .* covered yes\. Yuliana Manu has not paid: covered no\./);
    // A death in the first month of membership: the funeral costs only (docs/rules.md).
    expect(told).toContain('claims JKM: eligible, benefit Rp10.000.000');
    expect(told).toContain('from the fourth month, Rp42.000.000.');
    expect(told).toContain('she may not approve her own verification (answer 403 maker-checker); an approver does.');
    expect(told).toMatch(/the widow receives Rp10\.000\.000\. Claim status: PAID\./);
    expect(told).toMatch(/The paid claim closes his membership \(DECEASED, died \d{4}-\d{2}-\d{2}\)/);
    // his two months after the month of his death (Rp16.800 each) went back from reserved to remaining
    expect(told).toMatch(
      /spent Rp67\.200, reserved Rp100\.800 for the coming months, remaining Rp9\.832\.000 \(they add up to the budget: yes\); the payout ledger balances: yes\./,
    );
  }, 120_000);

  it('stops every service on Ctrl-C', async () => {
    platform.kill('SIGINT');
    const { code } = await exited(platform);
    expect(code).toBe(0);
    for (const port of Object.values(SERVICES)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  });
});

describe('a service with a bad configuration', () => {
  it('refuses to start and names every bad setting', async () => {
    const child = spawn(process.execPath, [join(REPO, 'dist', 'apps', 'claims', 'src', 'main.js')], {
      env: { PATH: process.env.PATH, PORT: 'eighty', DATABASE_URL: testInfrastructure().databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const { code } = await exited(child);
    expect(code).toBe(78);
    expect(stderr).toContain('PORT must be an integer from 1 to 65535');
    expect(stderr).toContain('KAFKA_BROKERS is required');
    expect(stderr).not.toContain(testInfrastructure().databaseUrl.split('@')[0]);
  });
});

describe('a service in production with the development secrets', () => {
  it('refuses to start, naming each setting and never its value, before it opens any connection', async () => {
    // Stand-ins for PostgreSQL and Kafka that count who knocks: the refusal must come before any connection.
    const knocks: string[] = [];
    const listeners = await Promise.all(
      ['database', 'kafka'].map(
        (name) =>
          new Promise<Server>((resolve) => {
            const server = createServer((socket) => {
              knocks.push(name);
              socket.destroy();
            });
            server.listen(0, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    const [database, kafka] = listeners.map((server) => (server.address() as AddressInfo).port);
    try {
      const child = spawn(process.execPath, [join(REPO, 'dist', 'apps', 'enrollment', 'src', 'main.js')], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          ...developmentSecrets({}),
          DATABASE_URL: `postgres://jaring:s3cret-Password@127.0.0.1:${database}/postgres`,
          KAFKA_BROKERS: `127.0.0.1:${kafka}`,
          OIDC_ISSUER: 'https://id.example.org/realms/jaring',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const { code } = await exited(child);
      expect({ code, output }).toMatchObject({ code: 78 });
      const fatal = JSON.parse(output.trim()) as { level: string; context: string; message: string };
      expect(fatal).toMatchObject({ level: 'fatal', context: 'configuration' });
      expect(fatal.message).toBe(
        'Invalid configuration: ' +
          'NIK_ENCRYPTION_KEY must not be a published development value when NODE_ENV is production (give it one from your secret manager); ' +
          'NIK_HASH_KEY must not be a published development value when NODE_ENV is production (give it one from your secret manager); ' +
          'EVENT_SEALING_KEY must not be a published development value when NODE_ENV is production (give it one from your secret manager)',
      );
      for (const value of Object.values(developmentSecrets({}))) expect(output).not.toContain(value);
      expect(knocks).toEqual([]);
    } finally {
      await Promise.all(listeners.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});

describe('a service for end-to-end tests and the demo', () => {
  it('runs its migrations as a one-off command, as the pods’ init container does: from the database settings alone, the URL a file', async () => {
    const database = 'jaring_test_migrate_job';
    const secrets = mkdtempSync(join(tmpdir(), 'jaring-migrate-'));
    writeFileSync(join(secrets, 'uri'), `${testInfrastructure().databaseUrl}\n`);
    // no key, no Kafka, no identity provider: what the init container is given
    const child = spawn(process.execPath, [join(REPO, 'dist', 'apps', 'claims', 'src', 'migrate.js')], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL_FILE: join(secrets, 'uri'), DATABASE_NAME: database },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const { code } = await exited(child);
    rmSync(secrets, { recursive: true, force: true });
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toContain('MessagingTables1764100000000');
  });

  it('with CLOCK_CONTROL, lets a test move its clock through PUT /test/clock', async () => {
    const { databaseUrl, kafkaBrokers } = testInfrastructure();
    const port = 13011;
    const child = spawn(process.execPath, [join(REPO, 'dist', 'apps', 'claims', 'src', 'main.js')], {
      env: {
        ...process.env,
        ...developmentSecrets(),
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        DATABASE_NAME: 'jaring_test_clock_control',
        KAFKA_BROKERS: kafkaBrokers.join(','),
        CLOCK_CONTROL: 'true',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    try {
      await waitFor(
        () =>
          fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.ok,
            () => false,
          ),
        'the service',
        60000,
        200,
      );
      const set = await fetch(`http://127.0.0.1:${port}/test/clock`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ now: '2027-03-16T08:00:00Z' }),
      });
      expect(set.status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/test/clock`)).json()).toEqual({ now: '2027-03-16T08:00:00.000Z' });
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
