import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Clock } from '@jaring/domain';
import { CLOCK, ScheduledWork } from '@jaring/platform';
import { EnrollmentConfig } from '../enrollment.config';

const DAY_MS = 86_400_000;

/**
 * Deletes the refused rows of imports that finished more than IMPORT_FAILED_ROWS_RETENTION_DAYS ago (by the
 * service's clock), on the schedule (SCHEDULE_INTERVAL_MS): they hold personal data, and were kept only to
 * be fixed and uploaded again. The import notes when (`failed_rows_purged_at`), so that its file of refused
 * rows answers 410 instead of an empty file. One statement; every replica may run it (the second finds
 * nothing left).
 */
@Injectable()
export class FailedRowsPurge extends ScheduledWork {
  private readonly logger = new Logger('FailedRowsPurge');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: EnrollmentConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(config.SCHEDULE_INTERVAL_MS);
  }

  /** One purge; the imports and rows it purged. Public so that it can be driven directly. */
  async purge(): Promise<{ imports: number; rows: number }> {
    const now = this.clock.now();
    const finishedBy = new Date(now.getTime() - this.config.IMPORT_FAILED_ROWS_RETENTION_DAYS * DAY_MS);
    const [counts] = await this.dataSource.query<Array<{ imports: number; rows: number }>>(
      `WITH purged AS (
         UPDATE worker_imports SET failed_rows_purged_at = $1
          WHERE status <> 'RUNNING' AND failed_rows_purged_at IS NULL AND finished_at <= $2
         RETURNING id
       ), deleted AS (
         DELETE FROM worker_import_rows r USING purged WHERE r.import_id = purged.id RETURNING 1
       )
       SELECT (SELECT count(*) FROM purged)::int AS imports, (SELECT count(*) FROM deleted)::int AS rows`,
      [now, finishedBy],
    );
    return counts;
  }

  /** The schedule's pass (every SCHEDULE_INTERVAL_MS): a failed purge is tried again at the next. */
  async tick(): Promise<void> {
    try {
      const purged = await this.purge();
      if (purged.imports) this.logger.log({ message: "imports' refused rows purged", ...purged });
    } catch (error) {
      this.logger.warn({ message: 'purge of refused import rows failed; the next tick retries', error: (error as Error).message });
    }
  }
}
