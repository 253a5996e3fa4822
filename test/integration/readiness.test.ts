import { createKafka } from '@jaring/messaging';
import { OwnServers } from '../e2e/support/own-servers';
import { startEnrollment, type EnrollmentUnderTest } from './enrollment/enrollment-test-kit';
import { waitFor } from '../support/wait-for';

/**
 * Readiness as a cluster runs a service (deploy/k8s): its topics are the cluster's (KAFKA_CREATE_TOPICS=false),
 * so it waits at start, saying which of its topics are missing, and opens no port until they exist; then
 * `/health/ready` (the readiness probe) looks at the database only, and Kafka's state is `/health`'s and the
 * `jaring_kafka_connected` metric's. On a Kafka broker of this test's own, which it stops.
 */
const OWN_KAFKA_PORT = 19296;
// enrollment announces on enrollment.workers.v1 and reads coverage and paid claims (a death claim records the death)
const ENROLLMENT_TOPICS = [
  'claims.claims.v1',
  'claims.claims.v1.dlq',
  'contributions.coverage.v1',
  'contributions.coverage.v1.dlq',
  'enrollment.workers.v1',
];

/** What the process writes to stdout and stderr meanwhile (the service's JSON log lines among it). */
function captureOutput(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const originals = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
  for (const stream of ['stdout', 'stderr'] as const) {
    process[stream].write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (originals[stream] as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
  }
  const restore = () => {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
  };
  return { lines, restore };
}

/**
 * The JSON log records among what was written, each with what it logged as its own fields (a service logs
 * `{ message, ...details }`, which the JSON logger puts under `message`).
 */
function logRecords(lines: string[]): Array<{ message?: unknown; missing?: string[] }> {
  return lines.flatMap((line) => {
    try {
      const record = JSON.parse(line) as { message?: unknown };
      return [typeof record.message === 'object' && record.message !== null ? { ...record, ...record.message } : record];
    } catch {
      return [];
    }
  });
}

const kafkaConnected = async (baseUrl: string) =>
  /^jaring_kafka_connected\{service="enrollment"\} (\d)$/m.exec(await (await fetch(`${baseUrl}/metrics`)).text())?.[1];

describe('readiness', () => {
  const servers = new OwnServers(54360, OWN_KAFKA_PORT); // its PostgreSQL is never started: the shared one serves
  let service: EnrollmentUnderTest | undefined;
  let starting: Promise<EnrollmentUnderTest> | undefined;

  beforeAll(() => servers.startKafka(), 120_000);
  afterAll(async () => {
    await service?.close();
    await servers.stop();
    // a start still waiting for its topics gives up once its broker is gone, and closes what it opened
    await starting?.catch(() => undefined);
  }, 180_000);

  it('waits for its own topics before it opens its port; then is ready while Kafka is down, which /health and the metric report', async () => {
    const output = captureOutput();
    try {
      starting = startEnrollment('jaring_readiness', {
        env: { KAFKA_BROKERS: servers.kafkaBrokers.join(','), KAFKA_CREATE_TOPICS: 'false' },
        logLevels: ['fatal', 'error', 'warn', 'log'],
      });
      const waiting = await waitFor(
        () =>
          logRecords(output.lines).find((record) => String(record.message).startsWith('waiting for Kafka topics that do not exist yet')),
        'the service to say which topics it waits for',
        60_000,
      );
      // only its own: what it announces on, what it consumes and the dead-letter topic of that
      expect(waiting.missing).toEqual(ENROLLMENT_TOPICS);

      const admin = createKafka({ brokers: servers.kafkaBrokers, clientId: 'readiness-test' }).admin();
      await admin.connect();
      await admin.createTopics({
        topics: ENROLLMENT_TOPICS.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
        waitForLeaders: true,
      });
      await admin.disconnect();
      service = await starting;
      expect(logRecords(output.lines).some((record) => record.message === 'Kafka topics ready')).toBe(true);
    } finally {
      output.restore();
    }
    const { baseUrl } = service;

    // what the readiness probe reads: the database, and nothing else
    const databaseUp = { database: expect.objectContaining({ status: 'up' }) as unknown };
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, expect.objectContaining({ status: 'ok', info: databaseUp, error: {} })]);
    const health = await fetch(`${baseUrl}/health`);
    expect([health.status, Object.keys(((await health.json()) as { info: object }).info).sort()]).toEqual([200, ['database', 'kafka']]);
    expect(await kafkaConnected(baseUrl)).toBe('1');

    await servers.stopKafka();
    const down = await waitFor(
      async () => {
        const response = await fetch(`${baseUrl}/health`);
        return response.status === 503 && ((await response.json()) as { error: Record<string, unknown> });
      },
      '/health to report Kafka down',
      60_000,
    );
    expect(Object.keys(down.error)).toEqual(['kafka']);
    const stillReady = await fetch(`${baseUrl}/health/ready`);
    expect([stillReady.status, await stillReady.json()]).toEqual([
      200,
      expect.objectContaining({ status: 'ok', info: databaseUp, error: {} }),
    ]);
    expect(await kafkaConnected(baseUrl)).toBe('0');
  });
});
