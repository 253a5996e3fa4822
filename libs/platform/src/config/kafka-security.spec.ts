import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGING_OPTIONS, MessagingModule, type MessagingOptions } from '@jaring/messaging';
import { serviceFoundation } from '../bootstrap/service-foundation';
import { BaseServiceConfig } from './base-service.config';
import { loadConfig } from './load-config';

class ClaimsConfig extends BaseServiceConfig {
  override readonly serviceName = 'claims';
}

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  KAFKA_BROKERS: 'jaring-kafka-bootstrap:9093',
  OIDC_ISSUER: 'https://id.example.org/realms/jaring',
};
const SCRAM = {
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'jaring-claims',
  KAFKA_SASL_PASSWORD: 'from-the-kafkauser-secret',
};
const CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJaringTestCA\n-----END CERTIFICATE-----\n';

describe('Kafka security settings', () => {
  let dir: string;
  let caFile: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-kafka-ca-'));
    caFile = join(dir, 'ca.crt');
    writeFileSync(caFile, CA);
    writeFileSync(join(dir, 'not-a-certificate.txt'), 'hello');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are off by default: plaintext, no authentication, topics created at start', () => {
    const config = loadConfig(ClaimsConfig, valid);
    expect(config.KAFKA_TLS).toBe(false);
    expect(config.KAFKA_CREATE_TOPICS).toBe(true);
    expect(config.kafkaSecurity).toEqual({});
  });

  it('give SCRAM over TLS with the cluster CA read from its file', () => {
    const config = loadConfig(ClaimsConfig, { ...valid, ...SCRAM, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: caFile, NODE_ENV: 'production' });
    expect(config.kafkaSecurity).toEqual({
      tls: { ca: CA },
      sasl: { mechanism: 'scram-sha-512', username: 'jaring-claims', password: 'from-the-kafkauser-secret' },
    });
    expect(loadConfig(ClaimsConfig, { ...valid, KAFKA_TLS: 'true' }).kafkaSecurity).toEqual({ tls: {} });
    expect(loadConfig(ClaimsConfig, { ...valid, ...SCRAM, KAFKA_SASL_MECHANISM: 'scram-sha-256' }).kafkaSecurity).toEqual({
      sasl: { mechanism: 'scram-sha-256', username: 'jaring-claims', password: 'from-the-kafkauser-secret' },
    });
    expect(loadConfig(ClaimsConfig, { ...valid, KAFKA_CREATE_TOPICS: 'false' }).KAFKA_CREATE_TOPICS).toBe(false);
  });

  it('take the three SASL settings together, and only a SCRAM mechanism', () => {
    expect(() => loadConfig(ClaimsConfig, { ...valid, KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      'Invalid configuration: KAFKA_SASL_USERNAME is required; KAFKA_SASL_PASSWORD is required',
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, KAFKA_SASL_USERNAME: 'jaring-claims', KAFKA_SASL_PASSWORD: 'p' })).toThrow(
      'Invalid configuration: KAFKA_SASL_MECHANISM is required',
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, ...SCRAM, KAFKA_SASL_PASSWORD: '' })).toThrow(
      'Invalid configuration: KAFKA_SASL_PASSWORD is required',
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, ...SCRAM, KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      'Invalid configuration: KAFKA_SASL_MECHANISM must be one of scram-sha-256, scram-sha-512 (got "plain")',
    );
  });

  it('refuse SASL without TLS in production, and allow it elsewhere (the local broker is plaintext)', () => {
    let message = '';
    try {
      loadConfig(ClaimsConfig, { ...valid, ...SCRAM, NODE_ENV: 'production' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Invalid configuration: KAFKA_SASL_MECHANISM needs KAFKA_TLS=true when NODE_ENV is production (got "scram-sha-512")',
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, ...SCRAM, NODE_ENV: 'production', KAFKA_TLS: 'false' })).toThrow(
      'KAFKA_SASL_MECHANISM needs KAFKA_TLS=true when NODE_ENV is production',
    );
    expect(loadConfig(ClaimsConfig, { ...valid, ...SCRAM, NODE_ENV: 'development' }).kafkaSecurity.sasl?.mechanism).toBe('scram-sha-512');
    expect(loadConfig(ClaimsConfig, { ...valid, ...SCRAM, NODE_ENV: 'production', KAFKA_TLS: 'yes' }).KAFKA_TLS).toBe(true);
  });

  it('want a readable PEM file as the CA, and TLS with it', () => {
    expect(() => loadConfig(ClaimsConfig, { ...valid, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: join(dir, 'missing.crt') })).toThrow(
      `Invalid configuration: KAFKA_TLS_CA_FILE must be a readable file of PEM certificates (got ${JSON.stringify(join(dir, 'missing.crt'))})`,
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: join(dir, 'not-a-certificate.txt') })).toThrow(
      'KAFKA_TLS_CA_FILE must be a readable file of PEM certificates',
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, KAFKA_TLS_CA_FILE: caFile })).toThrow(
      `Invalid configuration: KAFKA_TLS_CA_FILE needs KAFKA_TLS=true (got ${JSON.stringify(caFile)})`,
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, KAFKA_TLS: 'sometimes' })).toThrow(
      'Invalid configuration: KAFKA_TLS must be true or false (got "sometimes")',
    );
  });

  it('reach the service’s Kafka connection through its foundation', () => {
    const config = loadConfig(ClaimsConfig, {
      ...valid,
      ...SCRAM,
      KAFKA_TLS: 'true',
      KAFKA_TLS_CA_FILE: caFile,
      KAFKA_CREATE_TOPICS: 'false',
    });
    const messaging = serviceFoundation(config, { entities: [], migrations: [] }).find((module) => module.module === MessagingModule);
    const provider = messaging?.providers?.find(
      (candidate): candidate is { provide: symbol; useValue: MessagingOptions } =>
        typeof candidate === 'object' && 'provide' in candidate && candidate.provide === MESSAGING_OPTIONS,
    );
    expect(provider?.useValue).toMatchObject({
      serviceName: 'claims',
      brokers: ['jaring-kafka-bootstrap:9093'],
      clientId: 'jaring-claims',
      security: config.kafkaSecurity,
      createTopics: false,
    });
    expect(provider?.useValue.security).toEqual({ tls: { ca: CA }, sasl: expect.objectContaining({ username: 'jaring-claims' }) });
  });
});
