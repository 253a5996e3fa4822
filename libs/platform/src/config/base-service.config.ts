import { readFileSync } from 'node:fs';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Min, ValidateBy, ValidateIf } from 'class-validator';
import type { LogLevel } from '@nestjs/common';
import { KAFKA_SASL_MECHANISMS, type KafkaSaslMechanism, type KafkaSecurity } from '@jaring/messaging';
import type { TokenSettings } from '../auth/token-verifier';
import { DatabaseSettings } from './database-settings';
import { EnvBoolean, EnvInt, EnvIntRange, IsHostPortList, IsReadablePemFile, IsServiceUrl, OnlyUnderTest } from './env-decorators';

/** The management listener's port in production when `MANAGEMENT_PORT` is not set (Prometheus scrapes it). */
export const DEFAULT_MANAGEMENT_PORT = 9100;

export const LOG_LEVEL_NAMES = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

/** A claim's name, or a dotted path into the token (`realm_access.roles`): the `OIDC_*_CLAIM` settings. */
export const CLAIM_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/**
 * The settings every service reads from its environment. A service extends it with its own settings
 * and a `serviceName`:
 *
 *   export class EnrollmentConfig extends BaseServiceConfig {
 *     override readonly serviceName = 'enrollment';
 *     override PORT = 3001;
 *     @IsString() NIK_HASH_KEY!: string;
 *   }
 *
 * Rules for settings:
 * - every setting carries at least one class-validator decorator (`@IsOptional()` counts): `loadConfig`
 *   reads only the variables the class validates, not the whole environment;
 * - a default is a field initialiser; a required setting has none;
 * - messages are written without the variable name ("must be ..."), `loadConfig` puts it in front.
 */

/** The three SASL settings go together: any one of them set makes all three required. */
const anySaslSetting = (config: BaseServiceConfig) =>
  config.KAFKA_SASL_MECHANISM !== undefined || config.KAFKA_SASL_USERNAME !== undefined || config.KAFKA_SASL_PASSWORD !== undefined;

export class BaseServiceConfig extends DatabaseSettings {
  @EnvIntRange(1, 65535)
  PORT: number = 3000;

  /**
   * The management listener's port, on the same host: `/health`, `/metrics` and the OpenAPI description
   * (`/docs`, `/docs-json`), for probes, Prometheus and operators, and nothing else. In production it is
   * always open (`DEFAULT_MANAGEMENT_PORT` unless set), and the metrics and the description are served there
   * only: the public port answers 404 for them. Elsewhere it is open only when set, the public port serving
   * everything as well (four services on one machine would otherwise fight over one default). 0 picks a
   * free port (tests).
   */
  @IsOptional()
  @EnvIntRange(0, 65535)
  @ValidateBy(
    {
      name: 'differentFromPort',
      validator: { validate: (value, args) => value === 0 || value !== (args?.object as BaseServiceConfig).PORT },
    },
    { message: 'must differ from PORT' },
  )
  MANAGEMENT_PORT?: number;

  /**
   * Connections in the service's database pool, per replica. A cluster sets it with the database's
   * `max_connections` in mind: replicas (at most the autoscaler's maximum) x pool + the migration's and the
   * operator's connections must fit (docs/operations.md, "The connection budget").
   */
  @EnvIntRange(1, 100)
  DATABASE_POOL_SIZE: number = 10;

  /**
   * Run pending migrations at start-up (the default, and what `npm start` relies on). A cluster sets it
   * false and runs the migration job before rolling out, so replicas never race on the schema.
   */
  @EnvBoolean()
  @IsBoolean({ message: 'must be true or false' })
  RUN_MIGRATIONS: boolean = true;

  /**
   * Lets anyone move the service's clock through `PUT /test/clock`, without credentials (the end-to-end tests
   * walk through months). Only under `NODE_ENV=test`: refused in production, and in development too, where a
   * service may still hold data someone cares about.
   */
  @EnvBoolean()
  @IsBoolean({ message: 'must be true or false' })
  @OnlyUnderTest()
  CLOCK_CONTROL: boolean = false;

  /**
   * With CLOCK_CONTROL: the instant the service's clock starts at, instead of the real time. An end-to-end
   * test that plays November must not have its services start on the real day (a December, say) and run
   * that month's scheduled work before the test sets their clocks.
   */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 instant, e.g. 2026-11-02T02:00:00Z' })
  @ValidateBy(
    {
      name: 'onlyWithClockControl',
      validator: { validate: (_value, args) => (args?.object as BaseServiceConfig).CLOCK_CONTROL === true },
    },
    { message: 'needs CLOCK_CONTROL=true' },
  )
  CLOCK_START?: string;

  @IsHostPortList()
  KAFKA_BROKERS!: string;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  KAFKA_CLIENT_ID?: string;

  /**
   * Create missing topics (and their dead-letter topics) at start. A cluster that declares its topics and
   * gives the services no right to create any (the production overlay) sets it false: the service then waits
   * at start until its topics exist, saying which it waits for.
   */
  @EnvBoolean()
  @IsBoolean({ message: 'must be true or false' })
  KAFKA_CREATE_TOPICS: boolean = true;

  /** With KAFKA_CREATE_TOPICS: the partitions of each topic the service creates (they bound a consumer group's replicas). */
  @EnvIntRange(1, 1000)
  KAFKA_TOPIC_PARTITIONS: number = 6;

  /** With KAFKA_CREATE_TOPICS: the replicas of each topic the service creates (1 for a single local broker). */
  @EnvIntRange(1, 10)
  KAFKA_TOPIC_REPLICATION_FACTOR: number = 1;

  /**
   * SASL/SCRAM to the brokers, with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. Refused without TLS in
   * production: SCRAM keeps the password off the wire, but not the events (personal data among them).
   */
  @ValidateIf(anySaslSetting)
  @IsIn(KAFKA_SASL_MECHANISMS, { message: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` })
  @ValidateBy(
    {
      name: 'saslOverTlsInProduction',
      validator: {
        validate: (_value, args) =>
          (args?.object as BaseServiceConfig).NODE_ENV !== 'production' || (args?.object as BaseServiceConfig).KAFKA_TLS === true,
      },
    },
    { message: 'needs KAFKA_TLS=true when NODE_ENV is production' },
  )
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @ValidateIf(anySaslSetting)
  @IsString({ message: 'must be a string' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf(anySaslSetting)
  @IsString({ message: 'must be a string' })
  KAFKA_SASL_PASSWORD?: string;

  /** TLS to the brokers (their certificates checked against KAFKA_TLS_CA_FILE, else the system's CAs). */
  @EnvBoolean()
  @IsBoolean({ message: 'must be true or false' })
  KAFKA_TLS: boolean = false;

  /** The CA certificates (PEM) that signed the brokers' certificates: a cluster's own CA, mounted from its secret. */
  @IsOptional()
  @IsReadablePemFile()
  @ValidateBy(
    { name: 'onlyWithKafkaTls', validator: { validate: (_value, args) => (args?.object as BaseServiceConfig).KAFKA_TLS === true } },
    { message: 'needs KAFKA_TLS=true' },
  )
  KAFKA_TLS_CA_FILE?: string;

  /**
   * How long a partition of the service's consumer may lag with nothing handled on it before the consumer
   * is restarted (a kafkajs consumer can stop fetching a partition after broker trouble).
   */
  @EnvInt()
  @IsInt({ message: 'must be an integer of milliseconds from 1000' })
  @Min(1000, { message: 'must be an integer of milliseconds from 1000' })
  CONSUMER_STALL_TIMEOUT_MS: number = 30_000;

  /**
   * The OpenID provider whose access tokens the service accepts: the tokens' `iss`, and where its discovery
   * document (and so its keys) is found. Locally the development provider, http://127.0.0.1:3005.
   */
  @IsServiceUrl()
  OIDC_ISSUER!: string;

  /** The `aud` every accepted token must carry. */
  @IsString({ message: 'must be a string' })
  OIDC_AUDIENCE: string = 'jaring-api';

  /** The provider's key set, when it is not the `jwks_uri` of its discovery document. */
  @IsOptional()
  @IsServiceUrl()
  OIDC_JWKS_URL?: string;

  /** Dotted path of the claim holding the caller's roles; Keycloak puts realm roles in `realm_access.roles`. */
  @Matches(CLAIM_PATH, { message: 'must be a claim name or a dotted path, e.g. realm_access.roles' })
  OIDC_ROLES_CLAIM: string = 'realm_access.roles';

  /** The claim holding the regency codes an agent serves. */
  @Matches(CLAIM_PATH, { message: 'must be a claim name or a dotted path, e.g. regions' })
  OIDC_REGIONS_CLAIM: string = 'regions';

  /** The claim naming a payment channel client's channel (else its client id is the channel). */
  @Matches(CLAIM_PATH, { message: 'must be a claim name or a dotted path, e.g. channel' })
  OIDC_CHANNEL_CLAIM: string = 'channel';

  @IsIn(LOG_LEVEL_NAMES, { message: `must be one of ${LOG_LEVEL_NAMES.join(', ')}` })
  LOG_LEVEL: LogLevelName = 'log';

  @IsOptional()
  @IsIn(['development', 'test', 'production'], { message: 'must be one of development, test, production' })
  NODE_ENV?: 'development' | 'test' | 'production';

  /** Production's management port, or `MANAGEMENT_PORT`; undefined: no management listener (outside production). */
  get managementPort(): number | undefined {
    return this.MANAGEMENT_PORT ?? (this.isProduction ? DEFAULT_MANAGEMENT_PORT : undefined);
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker.length > 0);
  }

  /** TLS and SASL for every Kafka client of the service; the CA file is read here, once, at start. */
  get kafkaSecurity(): KafkaSecurity {
    return {
      ...(this.KAFKA_TLS ? { tls: this.KAFKA_TLS_CA_FILE ? { ca: readFileSync(this.KAFKA_TLS_CA_FILE, 'utf8') } : {} } : {}),
      ...(this.KAFKA_SASL_MECHANISM && this.KAFKA_SASL_USERNAME !== undefined && this.KAFKA_SASL_PASSWORD !== undefined
        ? { sasl: { mechanism: this.KAFKA_SASL_MECHANISM, username: this.KAFKA_SASL_USERNAME, password: this.KAFKA_SASL_PASSWORD } }
        : {}),
    };
  }

  get tokenSettings(): TokenSettings {
    return {
      issuer: this.OIDC_ISSUER,
      audience: this.OIDC_AUDIENCE,
      jwksUrl: this.OIDC_JWKS_URL,
      rolesClaim: this.OIDC_ROLES_CLAIM,
      regionsClaim: this.OIDC_REGIONS_CLAIM,
      channelClaim: this.OIDC_CHANNEL_CLAIM,
    };
  }

  get kafkaClientId(): string {
    return this.KAFKA_CLIENT_ID ?? `jaring-${this.serviceName}`;
  }

  /** Nest enables levels by list, not by threshold: `warn` means fatal, error and warn. */
  get logLevels(): LogLevel[] {
    return logLevelsFrom(this.LOG_LEVEL);
  }
}

export function logLevelsFrom(threshold: LogLevelName): LogLevel[] {
  const upTo = LOG_LEVEL_NAMES.indexOf(threshold);
  return ['fatal', ...LOG_LEVEL_NAMES.slice(0, upTo < 0 ? 3 : upTo + 1)];
}
