import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import { AdjustableClock } from '@jaring/domain';
import { connectKafkaEvents, createKafka, createProducer, ensureTopics, Outbox } from '@jaring/messaging';
import { bootstrapHttpService, EventSealer, loadConfig } from '@jaring/platform';
import { ClaimsConfig } from '../../apps/claims/src/claims.config';
import { ClaimsModule } from '../../apps/claims/src/claims.module';
import { freshDatabase } from '../support/infrastructure';
import { benchCaller, benchIssuer, timed, type Figure } from './bench-kit';

const CONCURRENCY = 16;
const RAW_TOPIC = 'bench.claims-raw.v1';

/**
 * The claims service's rates, each beside a raw limit measured in the same run: enrollment and coverage
 * events into the read models (beside raw Kafka produce), claims submitted over HTTP (beside the same
 * HTTP stack answering a pure estimate, and raw single-row PostgreSQL transactions), back-office
 * decisions, payout batches of 1,000 lines with their ledger reservation, bank files, and bank results.
 */
export async function benchClaims(databaseUrl: string, brokers: string[], claims: number): Promise<Figure[]> {
  const database = 'jaring_bench_claims';
  await freshDatabase(database, databaseUrl);
  const hashKey = randomBytes(32);
  // the key enrollment seals birth dates with for claims: the bench plays enrollment
  const eventSealingKey = randomBytes(32);
  const sealer = new EventSealer(eventSealingKey);
  const config = loadConfig(ClaimsConfig, {
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: database,
    KAFKA_BROKERS: brokers.join(','),
    LOG_LEVEL: 'error',
    NIK_HASH_KEY: hashKey.toString('hex'),
    CLAIMANT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    EVENT_SEALING_KEY: eventSealingKey.toString('base64'),
    OIDC_ISSUER: benchIssuer(),
  });
  const clock = new AdjustableClock('2026-07-20T03:00:00Z');
  const app: NestExpressApplication = await bootstrapHttpService({
    serviceName: config.serviceName,
    module: ClaimsModule.forRoot(config, { clock }),
    port: 0,
    host: '127.0.0.1',
    logLevels: ['fatal', 'error'],
    configure: (application) => connectKafkaEvents(application),
  });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const dataSource = app.get(DataSource);
  const token = async (clientId: string) => (await benchCaller(clientId)).authorization;
  const [verifier, approver, finance] = [await token('verifier'), await token('approver'), await token('finance')];
  // four eyes: the bank's results are imported by another finance officer than the batches' maker
  const financeChecker = await token('finance-checker');
  const figures: Figure[] = [];
  const nikHash = (nik: string) => createHmac('sha256', hashKey).update(nik).digest('hex');

  const kafka = createKafka({ brokers, clientId: 'bench-claims' });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [RAW_TOPIC], { partitions: 6, replicationFactor: 1 }).finally(() => admin.disconnect());
  const producer = createProducer(kafka);
  await producer.connect();
  try {
    // 1. read models from Kafka, beside raw produce of the same messages
    const workers = Array.from({ length: claims }, (_, i) => ({
      workerId: randomUUID(),
      nik: `5371012507${String(90 + (i % 10)).padStart(2, '0')}${String((i % 9999) + 1).padStart(4, '0')}`,
      heirNik: `537101650592${String((i % 9999) + 1).padStart(4, '0')}`,
    }));
    const outbox = new Outbox('bench');
    const heirOf = (heirNik: string) => {
      const heirId = randomUUID();
      return { heirId, relationship: 'SPOUSE', nikHash: nikHash(heirNik), sealedBirthDate: sealer.sealBirthDate(heirId, '1992-05-25') };
    };
    const envelopes = await dataSource.transaction(async (manager) =>
      outbox.publishAll(manager, [
        ...workers.map((w) => ({
          definition: EVENTS.WorkerRegistered,
          subject: w.workerId,
          data: {
            workerId: w.workerId,
            membershipNumber: '12345678901',
            nikHash: nikHash(w.nik),
            regionCode: '5371',
            occupation: 'OJEK_DRIVER',
            declaredMonthlyIncome: 1_500_000,
            programs: ['JKK', 'JKM'],
            sealedBirthDate: sealer.sealBirthDate(w.workerId, '1990-07-25'),
            registeredOn: '2026-01-10',
            heirs: [heirOf(w.heirNik)],
          },
        })),
        ...workers.map((w) => ({
          definition: EVENTS.CoverageActivated,
          subject: w.workerId,
          data: {
            workerId: w.workerId,
            programs: ['JKK', 'JKM'],
            periods: ['2026-06', '2026-07'],
            coveredFrom: '2026-06-01',
            coveredUntil: '2026-07-31',
          },
        })),
      ]),
    );
    // the service's own relay publishes them; raw produce of the same bytes to a scratch topic is the limit
    const readModels = await timed(() =>
      until(async () => (await count(dataSource, `SELECT count(*)::int AS n FROM coverage_periods WHERE period = '2026-07'`)) >= claims),
    );
    const raw = await timed(async () => {
      for (let i = 0; i < envelopes.length; i += 500) {
        await producer.send({
          topic: RAW_TOPIC,
          messages: envelopes.slice(i, i + 500).map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
        });
      }
    });
    figures.push({ name: 'raw Kafka produce (500 a request)', items: envelopes.length, ms: raw.ms, unit: 'msgs' });
    figures.push({
      name: 'enrollment + coverage events into the read models (outbox → Kafka → batch consumer)',
      items: envelopes.length,
      ms: readModels.ms,
      unit: 'events',
    });

    // 2. HTTP floor and raw PostgreSQL transactions
    const estimates = await timed(() => pool(claims, () => http(base, 'GET', '/v1/benefit-estimates?type=JKM&membershipMonths=12')));
    figures.push({ name: 'HTTP floor: GET /v1/benefit-estimates (no database)', items: claims, ms: estimates.ms, unit: 'req' });
    await dataSource.query('CREATE TABLE bench_rows (id uuid PRIMARY KEY, payload jsonb NOT NULL)');
    const rawTx = await timed(() =>
      pool(claims, () => dataSource.transaction((m) => m.query('INSERT INTO bench_rows VALUES ($1, $2)', [randomUUID(), '{"a":1}']))),
    );
    figures.push({ name: 'raw PostgreSQL: one-row transactions', items: claims, ms: rawTx.ms, unit: 'tx' });

    // 3. claims submitted over HTTP
    let next = 0;
    const ids: string[] = [];
    const submitted = await timed(() =>
      pool(claims, async () => {
        const w = workers[next++];
        const body = {
          workerId: w.workerId,
          type: 'JKM',
          incidentDate: '2026-07-10',
          claimant: {
            fullName: 'Maria Nahak',
            nik: w.heirNik,
            relationship: 'SPOUSE',
            bankAccount: { bankCode: '002', accountNumber: '0123456789012', accountName: 'Maria Nahak' },
          },
          details: { kind: 'DEATH' },
          documents: [
            'MEMBERSHIP_CARD',
            'DECEASED_ID',
            'CLAIMANT_ID',
            'DEATH_CERTIFICATE',
            'FAMILY_CARD',
            'HEIR_CERTIFICATE',
            'MARRIAGE_BOOK',
            'BANK_ACCOUNT_BOOK',
          ],
        };
        const answer = await http(base, 'POST', '/v1/claims', body, verifier);
        if (!answer.eligibility?.eligible) throw new Error(`bench claim not eligible: ${JSON.stringify(answer).slice(0, 300)}`);
        ids.push(answer.id);
      }),
    );
    figures.push({
      name: 'claims submitted (POST /v1/claims: eligibility, benefit, sealing, audit, outbox)',
      items: claims,
      ms: submitted.ms,
      unit: 'claims',
    });

    // 4. decisions
    let d = 0;
    const decided = await timed(() =>
      pool(claims, async () => {
        const id = ids[d++];
        await http(base, 'POST', `/v1/claims/${id}/verification`, {}, verifier);
        await http(base, 'POST', `/v1/claims/${id}/approval`, {}, approver);
      }),
    );
    figures.push({ name: 'decisions (verification + approval, 2 requests a claim)', items: claims * 2, ms: decided.ms, unit: 'req' });

    // 5. payout batches, files, results
    const batches: Array<{ id: string; lines: Array<{ id: string }> }> = [];
    const made = await timed(async () => {
      for (;;) {
        const response = await fetch(`${base}/v1/payout-batches`, {
          method: 'POST',
          headers: { authorization: finance, 'idempotency-key': randomUUID() },
        });
        if (response.status === 422) break;
        if (response.status !== 201) throw new Error(`batch: ${response.status} ${await response.text()}`);
        batches.push((await response.json()) as { id: string; lines: Array<{ id: string }> });
      }
    });
    figures.push({ name: 'payout lines batched (1,000 a batch, ledger reservation, events)', items: claims, ms: made.ms, unit: 'lines' });
    const files = await timed(() =>
      Promise.all(
        batches.map((b) => fetch(`${base}/v1/payout-batches/${b.id}/file`, { headers: { authorization: finance } }).then((r) => r.text())),
      ),
    );
    figures.push({ name: 'bank file lines (decrypted, CSV)', items: claims, ms: files.ms, unit: 'lines' });
    const results = await timed(async () => {
      for (const batch of batches) {
        const body = { results: batch.lines.map((l) => ({ lineId: l.id, status: 'PAID' })) };
        await http(base, 'POST', `/v1/payout-batches/${batch.id}/results`, body, financeChecker, randomUUID());
      }
    });
    figures.push({ name: 'bank results applied (claim PAID, ledger, 2 events a line)', items: claims, ms: results.ms, unit: 'lines' });
    const paid = await count(dataSource, `SELECT count(*)::int AS n FROM claims WHERE status = 'PAID'`);
    if (paid !== claims) throw new Error(`expected ${claims} paid claims, found ${paid}`);
  } finally {
    await producer.disconnect();
    await app.close();
  }
  return figures;
}

async function http(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  authorization?: string,
  idempotencyKey?: string,
): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(authorization ? { authorization } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Runs `work` `total` times with CONCURRENCY in flight. */
async function pool(total: number, work: () => Promise<unknown>): Promise<void> {
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, total) }, async () => {
      while (started < total) {
        started++;
        await work();
      }
    }),
  );
}

async function count(dataSource: DataSource, sql: string): Promise<number> {
  return (await dataSource.query<Array<{ n: number }>>(sql))[0].n;
}

async function until(probe: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the read models');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
