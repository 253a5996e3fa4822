import { createHmac, randomBytes } from 'node:crypto';
import type { LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AdjustableClock, parseIsoDate } from '@jaring/domain';
import { connectKafkaEvents } from '@jaring/messaging';
import { bootstrapHttpService, type Caller, isRole, loadConfig } from '@jaring/platform';
import { developmentClient } from '../../../deploy/local/oidc/development-identities';
import { EnrollmentConfig } from '../../../apps/enrollment/src/enrollment.config';
import { EnrollmentModule } from '../../../apps/enrollment/src/enrollment.module';
import { identitySettings } from '../../support/identity';
import { freshDatabase, testInfrastructure } from '../../support/infrastructure';
import { startGroupAtTopicEnds } from '../../support/kafka';
import { openBirthDate, testEventSealingKey } from '../../support/sealed-facts';

export { openBirthDate };

/**
 * How long to wait for an event on Kafka. The TopicRecorder reads a topic from its beginning, and on a
 * long-lived development broker (benchmarks put 18,515 registrations on it per run) that takes a while
 * before this run's events come; a fresh broker (npm test) answers in a second or two.
 */
export const KAFKA_WAIT_MS = 120_000;

/** Keys of the test service (32 random bytes each, per run): what the tests check hashes and ciphertexts with. */
export const TEST_KEYS = {
  encryption: randomBytes(32).toString('base64'),
  hash: randomBytes(32).toString('hex'),
  eventSealing: testEventSealingKey(),
};

/** An heir reference of an event, its sealed birth date opened (as claims reads it). */
export function openedHeir(heir: { heirId: string; relationship: string; nikHash: string; sealedBirthDate: string }) {
  return {
    heirId: heir.heirId,
    relationship: heir.relationship,
    nikHash: heir.nikHash,
    birthDate: openBirthDate(heir.heirId, heir.sealedBirthDate),
  };
}

export function nikHashOf(nik: string): string {
  return createHmac('sha256', Buffer.from(TEST_KEYS.hash, 'hex')).update(nik).digest('hex');
}

export interface EnrollmentUnderTest {
  app: NestExpressApplication;
  baseUrl: string;
  dataSource: DataSource;
  clock: AdjustableClock;
  close(): Promise<void>;
}

/**
 * The enrollment service in-process, on its own fresh database, HTTP on a free port, consuming Kafka, taking
 * the tokens of the test run's development OpenID provider: requests send `await as('<client>')` headers
 * (test/support/identity.ts).
 */
export async function startEnrollment(
  database: string,
  options: { clock?: AdjustableClock; env?: Record<string, string>; logLevels?: LogLevel[] } = {},
): Promise<EnrollmentUnderTest> {
  await freshDatabase(database);
  const { databaseUrl, kafkaBrokers } = testInfrastructure();
  const clock = options.clock ?? new AdjustableClock('2026-07-15T03:00:00Z');
  const config = loadConfig(EnrollmentConfig, {
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: database,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    LOG_LEVEL: 'warn',
    NIK_ENCRYPTION_KEY: TEST_KEYS.encryption,
    NIK_HASH_KEY: TEST_KEYS.hash,
    EVENT_SEALING_KEY: TEST_KEYS.eventSealing,
    ...identitySettings(),
    ...options.env,
  });
  await startGroupAtTopicEnds(config.serviceName);
  const app = await bootstrapHttpService({
    serviceName: config.serviceName,
    module: EnrollmentModule.forRoot(config, { clock }),
    port: 0,
    host: '127.0.0.1',
    logLevels: options.logLevels ?? ['fatal', 'error'],
    configure: (application) => connectKafkaEvents(application, { maxAttempts: 2, retryDelayMs: 20 }),
  });
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return { app, baseUrl, dataSource: app.get(DataSource), clock, close: () => app.close() };
}

let serial = 1 + Math.floor(Math.random() * 5000);

/**
 * A valid NIK: district (digits 1-6, e.g. 537101 Alak, Kota Kupang), birth date DDMMYY with 40 added to
 * the day for women, and a serial (never 0000) that differs for every call of a test file.
 */
export function makeNik(birthDate: string, gender: 'M' | 'F' = 'M', district = '537101'): string {
  const { year, month, day } = parseIsoDate(birthDate);
  const dd = gender === 'F' ? day + 40 : day;
  serial = (serial % 9999) + 1;
  return `${district}${pad(dd)}${pad(month)}${pad(year % 100)}${String(serial).padStart(4, '0')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A complete, valid registration body; override what a test is about. */
export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const birthDate = (overrides.birthDate as string | undefined) ?? '1990-07-25';
  return {
    nik: 'nik' in overrides ? overrides.nik : makeNik(birthDate),
    fullName: 'Yohanes Nahak',
    birthDate,
    phone: '081234567890',
    regionCode: '5371',
    occupation: 'OJEK_DRIVER',
    declaredMonthlyIncome: 1_500_000,
    programs: ['JKK', 'JKM'],
    ...overrides,
  };
}

/** The columns of a worker import, in docs/api.md's order. */
export const IMPORT_HEADER = ['nik', 'fullName', 'birthDate', 'phone', 'regionCode', 'occupation', 'declaredMonthlyIncome', 'programs'];

/** A worker import file of these rows (registration bodies; lists joined with `;`), quoted as CSV needs. */
export function csvOf(rows: Array<Record<string, unknown>>, header = IMPORT_HEADER): string {
  const cell = (value: unknown) => {
    // A row's cells are text, numbers or lists of codes.
    const text = Array.isArray(value) ? value.join(';') : String((value as string | number | boolean | null | undefined) ?? '');
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${header.join(',')}\n${rows.map((row) => header.map((column) => cell(row[column])).join(',')).join('\n')}\n`;
}

/** Who a request comes from: `await as('<client>')` (test/support/identity.ts), or `{}` for nobody. */
export type Credentials = Record<string, string>;

export async function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  credentials: Credentials,
  method = 'POST',
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...credentials },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export async function getJson(baseUrl: string, path: string, credentials: Credentials): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: credentials });
  return { status: response.status, body: await response.json() };
}

/**
 * The caller a development client's token describes, for the tests that drive a handler directly (no HTTP
 * request, so no token): as the access guard would put it on the request.
 */
export function developmentCaller(clientId: string): Caller {
  const client = developmentClient(clientId);
  return { subject: clientId, clientId, roles: client.roles.filter(isRole), regions: client.regions ?? [] };
}
