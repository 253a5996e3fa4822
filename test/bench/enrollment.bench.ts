import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { Topics } from '@jaring/contracts';
import { connectKafkaEvents } from '@jaring/messaging';
import { bootstrapHttpService, loadConfig } from '@jaring/platform';
import { EnrollmentConfig } from '../../apps/enrollment/src/enrollment.config';
import { EnrollmentModule } from '../../apps/enrollment/src/enrollment.module';
import { freshDatabase } from '../support/infrastructure';
import { benchCaller, benchIssuer, timed, type Figure } from './bench-kit';
import { nttWorkers, WORKER_CSV_HEADER } from './ntt-workers';

const GOAL_ROWS_PER_SECOND = 2_000;

/**
 * NTT's campaign (docs/rules.md, Scale: 18,515 gig workers) as one CSV through the HTTP API: the enrollment
 * service in-process on its own database, the file uploaded as text/csv, then the time until the import is
 * DONE and until the last `enrollment.worker.registered` is on Kafka (read by a consumer of the topic);
 * beside it, the raw rate of the same rows inserted with unnest into a copy of the workers table, in the
 * same run on the same machine.
 */
export async function benchEnrollment(databaseUrl: string, brokers: string[], rows: number): Promise<Figure[]> {
  const database = 'jaring_bench_enrollment';
  await freshDatabase(database, databaseUrl);
  const keys = { encryption: randomBytes(32).toString('base64'), hash: randomBytes(32).toString('base64') };
  const config = loadConfig(EnrollmentConfig, {
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: database,
    KAFKA_BROKERS: brokers.join(','),
    OIDC_ISSUER: benchIssuer(),
    LOG_LEVEL: 'warn',
    NIK_ENCRYPTION_KEY: keys.encryption,
    NIK_HASH_KEY: keys.hash,
    EVENT_SEALING_KEY: randomBytes(32).toString('base64'),
  });
  const app: NestExpressApplication = await bootstrapHttpService({
    serviceName: config.serviceName,
    module: EnrollmentModule.forRoot(config),
    port: 0,
    host: '127.0.0.1',
    logLevels: ['fatal', 'error', 'warn'],
    configure: (application) => connectKafkaEvents(application),
  });
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const dataSource = app.get(DataSource);
  let watcher: RegistrationWatcher | undefined;
  try {
    const workers = nttWorkers(rows);
    const csv = `${WORKER_CSV_HEADER}\n${workers.map((w) => w.line).join('\n')}\n`;
    const ours = new Set(workers.map((w) => createHmac('sha256', Buffer.from(keys.hash, 'base64')).update(w.nik).digest('hex')));

    // A consumer of the topic in a worker thread (in production the consumers are other services, not the
    // enrollment process's event loop); it starts at the topic's end: only this run's events count.
    watcher = watchRegistrations(brokers, [...ours]);
    await watcher.ready;

    // 1. the import, through the HTTP API
    const officer = await benchCaller('enrollment-officer');
    const started = Date.now();
    const response = await fetch(`${baseUrl}/v1/worker-imports`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'text/csv' },
      body: csv,
    });
    const acceptedAt = Date.now();
    const accepted = (await response.json()) as { id: string; status: string };
    if (response.status !== 202) throw new Error(`import refused: ${response.status} ${JSON.stringify(accepted)}`);
    let report: { status: string; enrolled: number; failed: number; duplicates: number } | undefined;
    while (report?.status !== 'DONE') {
      report = (await (
        await fetch(`${baseUrl}/v1/worker-imports/${accepted.id}?errorsLimit=5`, { headers: officer })
      ).json()) as typeof report;
      if (report?.status === 'FAILED') throw new Error(`import failed: ${JSON.stringify(report)}`);
      if (report?.status !== 'DONE') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const doneAt = Date.now();
    if (report.enrolled !== rows) throw new Error(`expected ${rows} enrolled, got ${JSON.stringify(report)}`);
    const lastSeenAt = await watcher.allSeenAt(rows, 120_000);

    // 2. the raw limit: the same number of rows of the same shape, straight into a copy of the table
    const raw = await rawInsert(dataSource, rows);

    return [
      { name: 'raw PostgreSQL insert into a copy of workers (unnest, 1,000 a statement)', items: rows, ms: raw, unit: 'rows' },
      { name: 'upload streamed, parsed and staged (until the 202)', items: rows, ms: acceptedAt - started, unit: 'rows' },
      {
        name: 'import: upload until DONE (validated, sealed, enrolled, outbox)',
        items: rows,
        ms: doneAt - started,
        unit: 'rows',
        goal: GOAL_ROWS_PER_SECOND,
      },
      {
        name: 'import: upload until the last worker.registered is on Kafka',
        items: rows,
        ms: lastSeenAt - started,
        unit: 'rows',
        goal: GOAL_ROWS_PER_SECOND,
      },
    ];
  } finally {
    await watcher?.stop();
    await app.close();
  }
}

async function rawInsert(dataSource: DataSource, rows: number): Promise<number> {
  await dataSource.query('CREATE TABLE raw_workers (LIKE workers INCLUDING ALL)');
  const sealed = () => randomBytes(100); // a sealed {nik, fullName, phone}
  const { ms } = await timed(async () => {
    for (let start = 0; start < rows; start += 1000) {
      const n = Math.min(1000, rows - start);
      const index = Array.from({ length: n }, (_, i) => start + i);
      await dataSource.query(
        `INSERT INTO raw_workers (id, membership_number, nik_hash, personal_sealed, gender, birth_date, region_code, occupation,
                                  declared_monthly_income, programs, status, registered_on)
         SELECT u.id, u.mn, u.nh, u.ps, 'M', '1990-01-01', '5371', 'OJEK_DRIVER', 1500000, '{JKK,JKM}', 'PENDING_PAYMENT', now()::date
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[]) AS u(id, mn, nh, ps)`,
        [
          index.map(() => randomUUID()),
          index.map((i) => String(10_000_000_000 + i)),
          index.map(() => randomBytes(32).toString('hex')),
          index.map(sealed),
        ],
      );
    }
  });
  return ms;
}

interface RegistrationWatcher {
  ready: Promise<void>;
  /** When (Date.now()) the last of `count` registrations was read, once all have been. */
  allSeenAt(count: number, timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

/** A kafkajs consumer of enrollment.workers.v1 in a worker thread, counting the registrations of these NIK hashes. */
function watchRegistrations(brokers: string[], nikHashes: string[]): RegistrationWatcher {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const { Kafka, logLevel } = require('kafkajs');
    const ours = new Set(workerData.nikHashes);
    const kafka = new Kafka({ brokers: workerData.brokers, clientId: 'bench-enrollment-watcher', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: workerData.groupId, maxWaitTimeInMs: 50 });
    let seen = 0;
    (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [workerData.topic], fromBeginning: false });
      consumer.on(consumer.events.GROUP_JOIN, () => setTimeout(() => parentPort.postMessage({ ready: true }), 1000));
      await consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const hash = /"nikHash":"([0-9a-f]{64})"/.exec(message.value ? message.value.toString() : '');
            if (hash && ours.has(hash[1]) && String(message.headers.type) === 'enrollment.worker.registered') seen++;
          }
          parentPort.postMessage({ seen, at: Date.now() });
        },
      });
    })();
    parentPort.on('message', async (m) => { if (m === 'stop') { await consumer.disconnect(); process.exit(0); } });
    `,
    { eval: true, workerData: { brokers, nikHashes, topic: Topics.enrollmentWorkers, groupId: `bench-enrollment-${randomUUID()}` } },
  );
  let seen = 0;
  let lastAt = 0;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { ready?: boolean; seen?: number; at?: number }) => {
      if (message.ready) resolve();
      if (message.seen !== undefined && message.seen > seen) {
        seen = message.seen;
        lastAt = message.at!;
      }
    });
    worker.once('error', reject);
  });
  return {
    ready,
    async allSeenAt(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (seen < count) {
        if (Date.now() > deadline) throw new Error(`only ${seen} of ${count} registered events reached Kafka`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return lastAt;
    },
    async stop() {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}
