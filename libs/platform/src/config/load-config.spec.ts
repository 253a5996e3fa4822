import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsString, MinLength } from 'class-validator';
import { IsKey } from '../personal-data/keys';
import { BaseServiceConfig, DEFAULT_MANAGEMENT_PORT } from './base-service.config';
import { DEVELOPMENT_SECRETS } from './development-secrets';
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
      'Invalid configuration: DATABASE_URL is required; PORT must be an integer from 1 to 65535 (got "abc"); ' +
        'KAFKA_BROKERS is required; OIDC_ISSUER is required; ' +
        'LOG_LEVEL must be one of error, warn, log, debug, verbose (got "loud"); ' +
        'NIK_HASH_KEY must be at least 32 characters',
    );
  });

  it('starts a controlled clock at CLOCK_START only with CLOCK_CONTROL, and bounds the consumer stall timeout', () => {
    const underTest = { ...valid, NODE_ENV: 'test' };
    expect(loadConfig(ClaimsConfig, { ...underTest, CLOCK_CONTROL: 'true', CLOCK_START: '2026-11-02T02:00:00Z' }).CLOCK_START).toBe(
      '2026-11-02T02:00:00Z',
    );
    expect(loadConfig(ClaimsConfig, valid).CONSUMER_STALL_TIMEOUT_MS).toBe(30_000);
    expect(() => loadConfig(ClaimsConfig, { ...valid, CLOCK_START: '2026-11-02T02:00:00Z' })).toThrow(
      'CLOCK_START needs CLOCK_CONTROL=true',
    );
    expect(() => loadConfig(ClaimsConfig, { ...underTest, CLOCK_CONTROL: 'true', CLOCK_START: 'November' })).toThrow(
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

describe('settings read from files (<NAME>_FILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jaring-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const { DATABASE_URL, NIK_HASH_KEY, ...rest } = valid;

  it('reads a setting from the file its _FILE variable names, less the final line break', () => {
    const config = loadConfig(ClaimsConfig, {
      ...rest,
      DATABASE_URL_FILE: file('uri', `${DATABASE_URL}\n`),
      NIK_HASH_KEY_FILE: file('NIK_HASH_KEY', NIK_HASH_KEY),
    });
    expect(config.DATABASE_URL).toBe(DATABASE_URL);
    expect(config.NIK_HASH_KEY).toBe(NIK_HASH_KEY);
  });

  it('validates what the file holds like the variable, never quoting a secret', () => {
    expect(() => loadConfig(ClaimsConfig, { ...valid, NIK_HASH_KEY: undefined, NIK_HASH_KEY_FILE: file('short', 'short\n') })).toThrow(
      /^Invalid configuration: NIK_HASH_KEY must be at least 32 characters$/,
    );
    expect(() => loadConfig(ClaimsConfig, { ...rest, NIK_HASH_KEY, DATABASE_URL_FILE: file('empty', '\n') })).toThrow(
      /^Invalid configuration: DATABASE_URL is required$/,
    );
  });

  it('refuses a setting given both ways, and names the file it cannot read', () => {
    expect(() => loadConfig(ClaimsConfig, { ...valid, NIK_HASH_KEY_FILE: file('both', NIK_HASH_KEY) })).toThrow(
      /^Invalid configuration: NIK_HASH_KEY and NIK_HASH_KEY_FILE are both set: set one of them$/,
    );
    const missing = join(dir, 'nowhere', 'uri');
    expect(() => loadConfig(ClaimsConfig, { ...rest, NIK_HASH_KEY, DATABASE_URL_FILE: missing })).toThrow(
      new RegExp(`^Invalid configuration: DATABASE_URL cannot be read from DATABASE_URL_FILE "${missing}" \\(ENOENT\\)$`),
    );
  });
});

describe('the database settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jaring-ca-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verify the server against DATABASE_CA_FILE when set (sslmode=verify-full), and size the pool', () => {
    const ca = join(dir, 'ca.crt');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const url = 'postgresql://jaring:pw@jaring-claims-db-rw.jaring:5432/jaring_claims?sslmode=disable';
    const config = loadConfig(ClaimsConfig, { ...valid, DATABASE_URL: url, DATABASE_CA_FILE: ca, DATABASE_POOL_SIZE: '8' });
    const server = new URL(config.databaseServerUrl);
    expect([server.host, server.searchParams.get('sslmode'), server.searchParams.get('sslrootcert')]).toEqual([
      'jaring-claims-db-rw.jaring:5432',
      'verify-full',
      ca,
    ]);
    expect(config.DATABASE_POOL_SIZE).toBe(8);
    expect(loadConfig(ClaimsConfig, valid).databaseServerUrl).toBe(valid.DATABASE_URL);
    expect(loadConfig(ClaimsConfig, valid).DATABASE_POOL_SIZE).toBe(10);
    expect(() => loadConfig(ClaimsConfig, { ...valid, DATABASE_CA_FILE: join(dir, 'none.crt'), DATABASE_POOL_SIZE: '0' })).toThrow(
      'Invalid configuration: DATABASE_CA_FILE must be a readable file of PEM certificates',
    );
    expect(() => loadConfig(ClaimsConfig, { ...valid, DATABASE_POOL_SIZE: '0' })).toThrow(
      'Invalid configuration: DATABASE_POOL_SIZE must be an integer from 1 to 100 (got "0")',
    );
  });
});

describe('the layout of the topics a service creates', () => {
  it('is 6 partitions and 1 replica unless set, within bounds', () => {
    expect(loadConfig(ClaimsConfig, valid)).toMatchObject({ KAFKA_TOPIC_PARTITIONS: 6, KAFKA_TOPIC_REPLICATION_FACTOR: 1 });
    expect(loadConfig(ClaimsConfig, { ...valid, KAFKA_TOPIC_PARTITIONS: '12', KAFKA_TOPIC_REPLICATION_FACTOR: '3' })).toMatchObject({
      KAFKA_TOPIC_PARTITIONS: 12,
      KAFKA_TOPIC_REPLICATION_FACTOR: 3,
    });
    expect(() => loadConfig(ClaimsConfig, { ...valid, KAFKA_TOPIC_PARTITIONS: '0', KAFKA_TOPIC_REPLICATION_FACTOR: 'three' })).toThrow(
      'Invalid configuration: KAFKA_TOPIC_PARTITIONS must be an integer from 1 to 1000 (got "0"); ' +
        'KAFKA_TOPIC_REPLICATION_FACTOR must be an integer from 1 to 10 (got "three")',
    );
  });
});

describe('CLOCK_CONTROL', () => {
  const base = { DATABASE_URL: 'postgres://u@h:5432/postgres', KAFKA_BROKERS: 'k:9092', OIDC_ISSUER: 'https://id.example.org' };

  it('is off by default and may be turned on under NODE_ENV=test', () => {
    expect(loadConfig(BaseServiceConfig, base).CLOCK_CONTROL).toBe(false);
    expect(loadConfig(BaseServiceConfig, { ...base, CLOCK_CONTROL: 'true', NODE_ENV: 'test' }).CLOCK_CONTROL).toBe(true);
    expect(
      loadConfig(BaseServiceConfig, { ...base, CLOCK_CONTROL: 'false', NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.org' })
        .CLOCK_CONTROL,
    ).toBe(false);
  });

  it.each([['production'], ['development'], [undefined]])('is refused under NODE_ENV=%s, and must be a boolean', (nodeEnv) => {
    expect(() => loadConfig(BaseServiceConfig, { ...base, CLOCK_CONTROL: 'true', NODE_ENV: nodeEnv })).toThrow(
      'Invalid configuration: CLOCK_CONTROL must not be true unless NODE_ENV is test (got "true")',
    );
    expect(() => loadConfig(BaseServiceConfig, { ...base, CLOCK_CONTROL: 'maybe', NODE_ENV: nodeEnv })).toThrow(
      'CLOCK_CONTROL must be true or false',
    );
  });
});

describe('MANAGEMENT_PORT', () => {
  const base = { DATABASE_URL: 'postgres://u@h:5432/postgres', KAFKA_BROKERS: 'k:9092', OIDC_ISSUER: 'https://id.example.org' };

  it('opens no management listener outside production unless set; 9100 in production unless set; 0 picks one', () => {
    expect(loadConfig(BaseServiceConfig, base).managementPort).toBeUndefined();
    expect(loadConfig(BaseServiceConfig, { ...base, NODE_ENV: 'test', MANAGEMENT_PORT: '9201' }).managementPort).toBe(9201);
    expect(loadConfig(BaseServiceConfig, { ...base, NODE_ENV: 'production' }).managementPort).toBe(DEFAULT_MANAGEMENT_PORT);
    expect(DEFAULT_MANAGEMENT_PORT).toBe(9100);
    expect(loadConfig(BaseServiceConfig, { ...base, NODE_ENV: 'production', MANAGEMENT_PORT: '9201' }).managementPort).toBe(9201);
    expect(loadConfig(BaseServiceConfig, { ...base, NODE_ENV: 'production', MANAGEMENT_PORT: '0' }).managementPort).toBe(0);
  });

  it('is a port other than PORT', () => {
    expect(() => loadConfig(BaseServiceConfig, { ...base, PORT: '3001', MANAGEMENT_PORT: '3001' })).toThrow(
      'Invalid configuration: MANAGEMENT_PORT must differ from PORT (got "3001")',
    );
    expect(() => loadConfig(BaseServiceConfig, { ...base, MANAGEMENT_PORT: '70000' })).toThrow(
      'Invalid configuration: MANAGEMENT_PORT must be an integer from 0 to 65535 (got "70000")',
    );
  });
});

describe('loadConfig under NODE_ENV=production', () => {
  class EnrollmentLikeConfig extends BaseServiceConfig {
    override readonly serviceName = 'enrollment';
    @IsKey({ minBytes: 32, maxBytes: 32 })
    NIK_ENCRYPTION_KEY!: string;
    @IsKey({ minBytes: 32, maxBytes: 64, differentFrom: 'NIK_ENCRYPTION_KEY' })
    NIK_HASH_KEY!: string;
  }

  const own = {
    NIK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    NIK_HASH_KEY: randomBytes(32).toString('hex'),
  };
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://jaring:secret@db.internal:5432/postgres',
    KAFKA_BROKERS: 'kafka-1:9092',
    OIDC_ISSUER: 'https://id.example.org/realms/jaring',
    ...own,
  };

  function refusal(env: Record<string, string>): string {
    try {
      loadConfig(EnrollmentLikeConfig, env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the configuration was accepted');
  }

  it('starts with its own secrets and its own identity provider', () => {
    const config = loadConfig(EnrollmentLikeConfig, production);
    expect(config.NIK_HASH_KEY).toBe(own.NIK_HASH_KEY);
    expect(config.isProduction).toBe(true);
  });

  it('refuses the published development secrets, naming each setting and never the value', () => {
    const message = refusal({ ...production, ...DEVELOPMENT_SECRETS });
    expect(message).toBe(
      'Invalid configuration: ' +
        'NIK_ENCRYPTION_KEY must not be a published development value when NODE_ENV is production (give it one from your secret manager); ' +
        'NIK_HASH_KEY must not be a published development value when NODE_ENV is production (give it one from your secret manager)',
    );
    for (const value of Object.values(DEVELOPMENT_SECRETS)) expect(message).not.toContain(value);
  });

  it('refuses a development value under another name, and the same key written another way', () => {
    const hashKey = Buffer.from(DEVELOPMENT_SECRETS.NIK_HASH_KEY, 'base64');
    // claims' key where enrollment's belongs
    expect(refusal({ ...production, NIK_ENCRYPTION_KEY: DEVELOPMENT_SECRETS.CLAIMANT_ENCRYPTION_KEY })).toBe(
      'Invalid configuration: NIK_ENCRYPTION_KEY must not be a published development value when NODE_ENV is production (give it one from your secret manager)',
    );
    for (const written of [
      hashKey.toString('hex'),
      hashKey.toString('hex').toUpperCase(),
      hashKey.toString('base64').replace(/=+$/, ''),
      ` ${DEVELOPMENT_SECRETS.NIK_HASH_KEY}\n`,
    ]) {
      const message = refusal({ ...production, NIK_HASH_KEY: written });
      expect(message).toContain('NIK_HASH_KEY must not be a published development value');
      expect(message).not.toContain(written.trim());
    }
  });

  it('refuses a development value even in a setting whose name does not say it is secret', () => {
    const message = refusal({ ...production, KAFKA_CLIENT_ID: DEVELOPMENT_SECRETS.NIK_HASH_KEY });
    expect(message).toBe(
      'Invalid configuration: KAFKA_CLIENT_ID must not be a published development value when NODE_ENV is production (give it one from your secret manager)',
    );
  });

  it.each([
    'https://localhost:3005',
    'https://LOCALHOST.:3005',
    'https://id.localhost',
    'https://127.0.0.1:3005',
    'https://127.8.9.10',
    'https://127.1',
    'https://2130706433',
    'https://[::1]:3005',
    'https://[::ffff:127.0.0.1]',
    'https://0.0.0.0:3005',
  ])('refuses the development OpenID provider: OIDC_ISSUER %s', (issuer) => {
    expect(refusal({ ...production, OIDC_ISSUER: issuer })).toBe(
      `Invalid configuration: OIDC_ISSUER must not point at a loopback address (the development OpenID provider) when NODE_ENV is production (got ${JSON.stringify(issuer)})`,
    );
  });

  it("names the development provider's address with its other faults", () => {
    expect(refusal({ ...production, OIDC_ISSUER: 'http://127.0.0.1:3005' })).toBe(
      'Invalid configuration: OIDC_ISSUER must be an https:// URL (http:// is allowed outside production), ' +
        'must not point at a loopback address (the development OpenID provider) when NODE_ENV is production (got "http://127.0.0.1:3005")',
    );
  });

  it('accepts an identity provider on any other address', () => {
    for (const issuer of ['https://10.0.0.5/realms/jaring', 'https://keycloak.jaring.svc.cluster.local', 'https://[2001:db8::1]']) {
      expect(loadConfig(EnrollmentLikeConfig, { ...production, OIDC_ISSUER: issuer }).OIDC_ISSUER).toBe(issuer);
    }
  });

  it('lets development and the tests use the development values', () => {
    for (const nodeEnv of [undefined, 'development', 'test']) {
      const config = loadConfig(EnrollmentLikeConfig, {
        ...production,
        NODE_ENV: nodeEnv,
        OIDC_ISSUER: 'http://127.0.0.1:3005',
        ...DEVELOPMENT_SECRETS,
      });
      expect(config.NIK_ENCRYPTION_KEY).toBe(DEVELOPMENT_SECRETS.NIK_ENCRYPTION_KEY);
    }
  });
});
