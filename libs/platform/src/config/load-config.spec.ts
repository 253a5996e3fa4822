import { IsString, MinLength } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { loadConfig } from './load-config';

class ClaimsConfig extends BaseServiceConfig {
  override readonly serviceName = 'claims';
  override PORT = 3004;

  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  NIK_HASH_KEY!: string;
}

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  KAFKA_BROKERS: 'localhost:9092, kafka-2:9093',
  OIDC_ISSUER: 'http://127.0.0.1:3005',
  NIK_HASH_KEY: 'k'.repeat(32),
};

describe('loadConfig', () => {
  it('reads, converts and defaults the settings', () => {
    const config = loadConfig(ClaimsConfig, { ...valid, PORT: '4004', PATH: '/usr/bin' });
    expect(config).toBeInstanceOf(ClaimsConfig);
    expect(config.PORT).toBe(4004);
    expect(config.LOG_LEVEL).toBe('log');
    expect(config.databaseName).toBe('jaring_claims');
    expect(config.kafkaBrokers).toEqual(['localhost:9092', 'kafka-2:9093']);
    expect(config.kafkaClientId).toBe('jaring-claims');
    expect(config.logLevels).toEqual(['fatal', 'error', 'warn', 'log']);
    expect((config as unknown as Record<string, unknown>).PATH).toBeUndefined();
  });

  it('keeps the subclass defaults and honours DATABASE_NAME', () => {
    const config = loadConfig(ClaimsConfig, { ...valid, DATABASE_NAME: 'claims_test', PORT: '' });
    expect(config.PORT).toBe(3004);
    expect(config.databaseName).toBe('claims_test');
  });

  it('names every bad or missing variable and why, in one error', () => {
    expect(() => loadConfig(ClaimsConfig, { PORT: 'abc', LOG_LEVEL: 'loud', NIK_HASH_KEY: 'short' })).toThrow(
      'Invalid configuration: PORT must be an integer from 1 to 65535 (got "abc"); ' +
        'DATABASE_URL is required; KAFKA_BROKERS is required; OIDC_ISSUER is required; ' +
        'LOG_LEVEL must be one of error, warn, log, debug, verbose (got "loud"); ' +
        'NIK_HASH_KEY must be at least 32 characters',
    );
  });

  it('starts a controlled clock at CLOCK_START only with CLOCK_CONTROL, and bounds the consumer stall timeout', () => {
    expect(loadConfig(ClaimsConfig, { ...valid, CLOCK_CONTROL: 'true', CLOCK_START: '2026-11-02T02:00:00Z' }).CLOCK_START).toBe(
      '2026-11-02T02:00:00Z',
    );
    expect(loadConfig(ClaimsConfig, valid).CONSUMER_STALL_TIMEOUT_MS).toBe(30_000);
    expect(() => loadConfig(ClaimsConfig, { ...valid, CLOCK_START: '2026-11-02T02:00:00Z' })).toThrow(
      'CLOCK_START needs CLOCK_CONTROL=true',
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, CLOCK_CONTROL: 'true', CLOCK_START: 'November' })).toThrow(
      'CLOCK_START must be an ISO 8601 instant',
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, CONSUMER_STALL_TIMEOUT_MS: '10' })).toThrow(
      'CONSUMER_STALL_TIMEOUT_MS must be an integer of milliseconds from 1000',
    );
  });

  it('rejects out-of-range ports, malformed URLs and broker lists', () => {
    let message = '';
    try {
      loadConfig(ClaimsConfig, { ...valid, PORT: '70000', DATABASE_URL: 'mysql://root:hunter2@db/x', KAFKA_BROKERS: 'localhost' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT must be an integer from 1 to 65535 (got "70000")');
    expect(message).toContain('DATABASE_URL must be a postgres:// URL of the database server (got "mysql://root:***@db/x")');
    expect(message).toContain('KAFKA_BROKERS must be a comma-separated list of host:port (got "localhost")');
    expect(message).not.toContain('hunter2');
  });

  it('treats an empty variable as unset', () => {
    expect(() => loadConfig(ClaimsConfig, { ...valid, KAFKA_BROKERS: '  ' })).toThrow('KAFKA_BROKERS is required');
  });
});

describe('CLOCK_CONTROL', () => {
  const base = { DATABASE_URL: 'postgres://u@h:5432/postgres', KAFKA_BROKERS: 'k:9092', OIDC_ISSUER: 'https://id.example.org' };

  it('is off by default and may be turned on outside production', () => {
    expect(loadConfig(BaseServiceConfig, base).CLOCK_CONTROL).toBe(false);
    expect(loadConfig(BaseServiceConfig, { ...base, CLOCK_CONTROL: 'true', NODE_ENV: 'test' }).CLOCK_CONTROL).toBe(true);
  });

  it('is refused in production, and must be a boolean', () => {
    expect(() => loadConfig(BaseServiceConfig, { ...base, CLOCK_CONTROL: 'true', NODE_ENV: 'production' })).toThrow(
      'CLOCK_CONTROL must not be true when NODE_ENV is production',
    );
    expect(() => loadConfig(BaseServiceConfig, { ...base, CLOCK_CONTROL: 'maybe' })).toThrow('CLOCK_CONTROL must be true or false');
  });
});
