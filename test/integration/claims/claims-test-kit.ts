import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EVENT_CATALOG, EVENTS, EventHeaders, type EventDefinition, type EventEnvelope } from '@jaring/contracts';
import { AdjustableClock, Nik, parseIsoDate } from '@jaring/domain';
import { connectKafkaEvents, createProducer } from '@jaring/messaging';
import { bootstrapHttpService, loadConfig } from '@jaring/platform';
import { ClaimsConfig } from '../../../apps/claims/src/claims.config';
import { ClaimsModule } from '../../../apps/claims/src/claims.module';
import { identitySettings } from '../../support/identity';
import { freshDatabase, testInfrastructure } from '../../support/infrastructure';
import { startGroupAtTopicEnds, testKafka } from '../../support/kafka';
import { sealedBirthDate, testEventSealingKey } from '../../support/sealed-facts';
import { waitFor } from '../../support/wait-for';

/** Keys of the service under test, per run (the hash and event sealing keys are the ones enrollment would share). */
export const TEST_KEYS = {
  hash: randomBytes(32).toString('hex'),
  data: randomBytes(32).toString('base64'),
  eventSealing: testEventSealingKey(),
};

export function nikHashOf(nik: string): string {
  return createHmac('sha256', Buffer.from(TEST_KEYS.hash, 'hex')).update(nik).digest('hex');
}

export interface ClaimsUnderTest {
  app: NestExpressApplication;
  baseUrl: string;
  dataSource: DataSource;
  clock: AdjustableClock;
  events: EventFeeder;
  close(): Promise<void>;
}

/** The claims service in-process on its own fresh database, HTTP on a free port, consuming Kafka. */
export async function startClaims(database: string, clock = new AdjustableClock('2026-07-20T03:00:00Z')): Promise<ClaimsUnderTest> {
  await freshDatabase(database);
  const { databaseUrl, kafkaBrokers } = testInfrastructure();
  const config = loadConfig(ClaimsConfig, {
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: database,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    LOG_LEVEL: 'warn',
    NIK_HASH_KEY: TEST_KEYS.hash,
    CLAIMANT_ENCRYPTION_KEY: TEST_KEYS.data,
    EVENT_SEALING_KEY: TEST_KEYS.eventSealing,
    // the tests drive the wait for facts themselves (FactsWaitSchedule.decideWaitOver), with the clock
    SCHEDULE_INTERVAL_MS: '0',
    // callers sign in at the test run's development OpenID provider (test/support/identity.ts: as('verifier'))
    ...identitySettings(),
  });
  await startGroupAtTopicEnds(config.serviceName);
  const app = await bootstrapHttpService({
    serviceName: config.serviceName,
    module: ClaimsModule.forRoot(config, { clock }),
    port: 0,
    host: '127.0.0.1',
    logLevels: ['fatal', 'error'],
    configure: (application) => connectKafkaEvents(application, { maxAttempts: 2, retryDelayMs: 20 }),
  });
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const events = await new EventFeeder().start();
  return {
    app,
    baseUrl,
    dataSource: app.get(DataSource),
    clock,
    events,
    close: async () => {
      await events.stop();
      await app.close();
    },
  };
}

/**
 * Plays the other services: sends real, validated envelopes of their events to their topics, as their
 * outbox relays would (key = worker id, the same headers).
 */
export class EventFeeder {
  private producer?: Producer;

  async start(): Promise<this> {
    this.producer = createProducer(testKafka('claims-test-feeder'));
    await this.producer.connect();
    return this;
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }

  envelope<T extends object>(definition: EventDefinition<T>, subject: string, data: T): EventEnvelope<T> {
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: new Date().toISOString(),
      source: definition.type.split('.')[0],
      subject,
      correlationId: randomUUID(),
      causationId: null,
      data,
    };
    EVENT_CATALOG.assertProducible(envelope);
    return envelope;
  }

  /** Sends envelopes (a replay sends the same one again). */
  async send(...envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) {
      const definition = EVENT_CATALOG.assertProducible(envelope);
      await this.producer!.send({
        topic: definition.topic,
        messages: [
          {
            key: envelope.subject,
            value: JSON.stringify(envelope),
            headers: {
              [EventHeaders.type]: envelope.type,
              [EventHeaders.version]: String(envelope.version),
              [EventHeaders.correlationId]: envelope.correlationId,
            },
          },
        ],
      });
    }
  }

  async publish<T extends object>(definition: EventDefinition<T>, subject: string, data: T): Promise<EventEnvelope<T>> {
    const envelope = this.envelope(definition, subject, data);
    await this.send(envelope);
    return envelope;
  }
}

let serial = 1 + Math.floor(Math.random() * 5000);

/** A valid NIK born on `birthDate`, with a serial that differs at every call. */
export function makeNik(birthDate: string, gender: 'M' | 'F' = 'M'): string {
  const { year, month, day } = parseIsoDate(birthDate);
  serial = (serial % 9999) + 1;
  const nik = `537101${pad(gender === 'F' ? day + 40 : day)}${pad(month)}${pad(year % 100)}${String(serial).padStart(4, '0')}`;
  if (!Nik.isValid(nik)) throw new Error(`test NIK ${nik} is invalid`);
  return nik;
}

const pad = (n: number) => String(n).padStart(2, '0');

export interface TestHeir {
  relationship: string;
  nik: string;
  birthDate: string;
}

export interface TestWorker {
  workerId: string;
  nik: string;
  birthDate: string;
  heirs: TestHeir[];
}

/** enrollment.worker.registered for a new worker (with heirs), then waits until the claims service has it. */
export async function registerWorker(
  claims: ClaimsUnderTest,
  options: {
    /** The regency the worker registers in: 5371 (Kota Kupang, agent-5371's) unless said otherwise. */
    regionCode?: string;
    registeredOn?: string;
    declaredMonthlyIncome?: number;
    programs?: string[];
    birthDate?: string;
    heirs?: Array<Omit<TestHeir, 'nik'> & { nik?: string }>;
  } = {},
): Promise<TestWorker> {
  const workerId = randomUUID();
  const birthDate = options.birthDate ?? '1990-07-25';
  const nik = makeNik(birthDate);
  const heirs = (options.heirs ?? [{ relationship: 'SPOUSE', birthDate: '1992-05-25' }]).map((h) => ({
    ...h,
    nik: h.nik ?? makeNik(h.birthDate, 'F'),
  }));
  await claims.events.publish(EVENTS.WorkerRegistered, workerId, {
    workerId,
    membershipNumber: String(10_000_000_000 + Math.floor(Math.random() * 89_999_999_999)),
    nikHash: nikHashOf(nik),
    regionCode: options.regionCode ?? '5371',
    occupation: 'OJEK_DRIVER',
    declaredMonthlyIncome: options.declaredMonthlyIncome ?? 1_500_000,
    programs: options.programs ?? ['JKK', 'JKM'],
    sealedBirthDate: sealedBirthDate(workerId, birthDate),
    registeredOn: options.registeredOn ?? '2026-01-10',
    heirs: heirs.map((h) => {
      const heirId = randomUUID();
      return {
        heirId,
        relationship: h.relationship,
        nikHash: nikHashOf(h.nik),
        sealedBirthDate: sealedBirthDate(heirId, h.birthDate),
      };
    }),
  });
  await waitFor(
    async () => (await claims.dataSource.query('SELECT 1 FROM workers WHERE worker_id = $1', [workerId])).length === 1,
    'the worker in the claims read model',
  );
  return { workerId, nik, birthDate, heirs };
}

/** contributions.coverage.activated for some periods, then waits until the claims service has them. */
export async function cover(
  claims: ClaimsUnderTest,
  workerId: string,
  periods: string[],
  programs: string[] = ['JKK', 'JKM'],
): Promise<EventEnvelope> {
  const last = periods[periods.length - 1];
  const [y, m] = last.split('-').map(Number);
  const envelope = await claims.events.publish(EVENTS.CoverageActivated, workerId, {
    workerId,
    programs,
    periods,
    coveredFrom: `${periods[0]}-01`,
    coveredUntil: `${last}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`,
  });
  await waitFor(
    async () =>
      (await claims.dataSource.query('SELECT 1 FROM coverage_periods WHERE worker_id = $1 AND period = $2', [workerId, last])).length > 0,
    'the coverage in the claims read model',
  );
  return envelope;
}

export async function lapse(claims: ClaimsUnderTest, workerId: string, lapsedOn: string, lastCoveredDay: string): Promise<void> {
  const envelope = await claims.events.publish(EVENTS.CoverageLapsed, workerId, {
    workerId,
    lapsedOn,
    lastCoveredDay,
    reason: 'UNPAID_MONTHS',
  });
  await waitFor(
    async () => (await claims.dataSource.query('SELECT 1 FROM coverage_lapses WHERE event_id = $1', [envelope.id])).length === 1,
    'the lapse',
  );
}

export interface HttpAnswer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; auth?: { authorization: string }; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      // `auth`: a caller's credentials, e.g. `await as('verifier')`; none: an anonymous call
      ...options.auth,
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text, headers: response.headers };
}

/** A claim body for a worker; override what the test is about. */
export function deathClaim(worker: TestWorker, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const heir = worker.heirs[0];
  return {
    workerId: worker.workerId,
    type: 'JKM',
    incidentDate: '2026-07-10',
    claimant: {
      fullName: 'Maria Nahak',
      nik: heir.nik,
      relationship: heir.relationship,
      bankAccount: { bankCode: '002', accountNumber: '0123456789012', accountName: 'Maria Nahak' },
    },
    details: { kind: 'DEATH', causeOfDeath: 'illness' },
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
    ...overrides,
  };
}

/** The worker's own JKK claim. */
export function accidentClaim(
  worker: TestWorker,
  details: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    workerId: worker.workerId,
    type: 'JKK',
    incidentDate: '2026-07-10',
    claimant: {
      fullName: 'Yohanes Nahak',
      nik: worker.nik,
      relationship: 'SELF',
      bankAccount: { bankCode: '009', accountNumber: '9876543210', accountName: 'Yohanes Nahak' },
    },
    details,
    documents: ['MEMBERSHIP_CARD', 'CLAIMANT_ID', 'BANK_ACCOUNT_BOOK', 'ACCIDENT_REPORT', 'DOCTOR_STATEMENT'],
    ...overrides,
  };
}
