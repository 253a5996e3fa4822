import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalKafka, type LocalKafka } from '../../../deploy/local/kafka/local-kafka';
import { startLocalPostgres, type LocalPostgres } from '../../../deploy/local/postgres/local-postgres';
import { testInfrastructure } from '../../support/infrastructure';

/**
 * A PostgreSQL server and a Kafka broker of a test's own, which it may stop and start again on the same
 * ports and data (the shared test servers must stay up for every other test file).
 */
export class OwnServers {
  private readonly dir = OwnServers.folder();
  private postgres?: LocalPostgres;
  private kafka?: LocalKafka;
  readonly databaseUrl: string;
  readonly kafkaBrokers: string[];
  /** The shared test provider: signing in is not what a fault test stops and starts. */
  readonly oidcIssuer = testInfrastructure().oidcIssuer;

  constructor(
    private readonly postgresPort: number,
    private readonly kafkaPort: number,
  ) {
    this.databaseUrl = `postgres://postgres:postgres@127.0.0.1:${postgresPort}/postgres`;
    this.kafkaBrokers = [`127.0.0.1:${kafkaPort}`];
  }

  /** A temporary folder the PostgreSQL server may enter when it runs as the user "postgres" (as root does). */
  private static folder(): string {
    const dir = mkdtempSync(join(tmpdir(), 'jaring-faults-'));
    chmodSync(dir, 0o711);
    return dir;
  }

  async start(): Promise<this> {
    await Promise.all([this.startPostgres(), this.startKafka()]);
    return this;
  }

  async startPostgres(): Promise<void> {
    // persistent: stop() keeps the data folder, so a restart finds every row where it was
    this.postgres = await startLocalPostgres({ dataDir: join(this.dir, 'postgres'), port: this.postgresPort, persistent: true });
  }

  async stopPostgres(): Promise<void> {
    await this.postgres?.stop();
    this.postgres = undefined;
  }

  async startKafka(): Promise<void> {
    this.kafka = await startLocalKafka({ dataDir: join(this.dir, 'kafka'), port: this.kafkaPort, controllerPort: this.kafkaPort + 1 });
  }

  async stopKafka(): Promise<void> {
    await this.kafka?.stop();
    this.kafka = undefined;
  }

  async stop(): Promise<void> {
    await Promise.all([this.stopPostgres(), this.stopKafka()]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
