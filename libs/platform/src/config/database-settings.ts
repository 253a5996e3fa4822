import { IsOptional, Matches } from 'class-validator';
import { IsPostgresUrl, IsReadablePemFile } from './env-decorators';

/**
 * The settings that reach a service's database, and nothing else: all the migration command reads
 * (`runMigrationsCommand`), and the first part of every service's configuration (`BaseServiceConfig`).
 */
export class DatabaseSettings {
  /** Names the service in logs, metrics, the default database and the Kafka client id. Not an env var. */
  readonly serviceName: string = 'service';

  /** The PostgreSQL server; the service's own database on it is `databaseName`. */
  @IsPostgresUrl()
  DATABASE_URL!: string;

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case PostgreSQL identifier (a-z, 0-9, _)' })
  DATABASE_NAME?: string;

  /**
   * The CA certificates (PEM) that signed the database server's certificate (a CloudNativePG cluster's
   * `<cluster>-ca` secret, mounted). Set, the service speaks TLS to the server and checks its certificate
   * against them and its name against the URL's host (libpq's `sslmode=verify-full`), whatever DATABASE_URL
   * says of TLS.
   */
  @IsOptional()
  @IsReadablePemFile()
  DATABASE_CA_FILE?: string;

  /** `DATABASE_NAME`, or `jaring_<service>` (one database per service, see docs/design.md). */
  get databaseName(): string {
    return this.DATABASE_NAME ?? `jaring_${this.serviceName.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  }

  /** DATABASE_URL, with `sslmode=verify-full` and the CA file when DATABASE_CA_FILE is set (node-postgres reads both). */
  get databaseServerUrl(): string {
    if (!this.DATABASE_CA_FILE) return this.DATABASE_URL;
    const url = new URL(this.DATABASE_URL);
    url.searchParams.set('sslmode', 'verify-full');
    url.searchParams.set('sslrootcert', this.DATABASE_CA_FILE);
    return url.toString();
  }
}
