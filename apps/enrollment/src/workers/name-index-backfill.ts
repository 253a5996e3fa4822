import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalDataProtector, sealContext, type WorkerPersonalData } from '../personal-data/personal-data-protector';
import { hexList, NAME_INDEX_OF_HEX_LIST } from './worker-enrolment';

const BATCH = 500;

/**
 * Fills the name index (`workers.name_index`) of the workers registered before it existed: the migration
 * could not (the hashes need the key, which only the service holds). At start, in the background, 500
 * workers per transaction: their names opened, their words hashed, written. Idempotent (only rows still
 * without an index are taken) and shared between replicas (`FOR UPDATE SKIP LOCKED`); a restart carries on
 * where it stopped. New registrations write their index themselves.
 */
@Injectable()
export class NameIndexBackfill implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NameIndexBackfill');
  private running?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly protector: PersonalDataProtector,
  ) {}

  onApplicationBootstrap(): void {
    // A hybrid app (HTTP and the Kafka transport) runs this hook twice: one backfill is enough.
    this.running ??= this.run().then(
      () => undefined,
      (error: unknown) =>
        this.logger.error({ message: 'name index backfill stopped; the next start carries on', error: (error as Error).message }),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Indexes every worker still without an index; the number indexed. Public so that a test can drive it. */
  async run(): Promise<number> {
    let indexed = 0;
    while (!this.stopping) {
      const done = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<Array<{ id: string; personal_sealed: Buffer }>>(
          `SELECT id, personal_sealed FROM workers WHERE name_index IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [BATCH],
        );
        if (!rows.length) return 0;
        const indexes = rows.map((row) => {
          const { fullName } = this.protector.openJson<WorkerPersonalData>(row.personal_sealed, sealContext.worker(row.id));
          return hexList(this.protector.nameIndex(fullName));
        });
        await manager.query(
          `UPDATE workers w SET name_index = ${NAME_INDEX_OF_HEX_LIST('u.name_index')}
             FROM unnest($1::uuid[], $2::text[]) AS u(id, name_index) WHERE w.id = u.id`,
          [rows.map((row) => row.id), indexes],
        );
        return rows.length;
      });
      if (!done) break;
      indexed += done;
    }
    if (indexed) this.logger.log({ message: 'name index backfilled', workers: indexed });
    return indexed;
  }
}
