import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Clock } from '@jaring/domain';
import { serviceFoundation } from '@jaring/platform';
import type { EnrollmentConfig } from './enrollment.config';
import { ChangeWorkerHandler } from './change-worker/change-worker.handler';
import { ChangeWorkerHttpController } from './change-worker/change-worker.http.controller';
import { DeregisterWorkerHandler } from './deregister-worker/deregister-worker.handler';
import { DeregisterWorkerHttpController } from './deregister-worker/deregister-worker.http.controller';
import { FollowCoverageEventController } from './follow-coverage/follow-coverage.event.controller';
import { FollowCoverageHandler } from './follow-coverage/follow-coverage.handler';
import { GetImportFailedRowsHttpController } from './get-import-failed-rows/get-import-failed-rows.http.controller';
import { GetImportFailedRowsQuery } from './get-import-failed-rows/get-import-failed-rows.query';
import { GetWorkerAuditHttpController } from './get-worker-audit/get-worker-audit.http.controller';
import { GetWorkerAuditQuery } from './get-worker-audit/get-worker-audit.query';
import { GetWorkerImportHttpController } from './get-worker-import/get-worker-import.http.controller';
import { GetWorkerImportQuery } from './get-worker-import/get-worker-import.query';
import { FailedRowsPurge } from './import-workers/failed-rows-purge';
import { ImportProcessor } from './import-workers/import-processor';
import { ImportWorkersHandler } from './import-workers/import-workers.handler';
import { ImportWorkersHttpController } from './import-workers/import-workers.http.controller';
import { WorkerImportEntity, WorkerImportErrorEntity, WorkerImportRowEntity } from './import-workers/worker-import.entity';
import { ListWorkerImportsHttpController } from './list-worker-imports/list-worker-imports.http.controller';
import { ListWorkerImportsQuery } from './list-worker-imports/list-worker-imports.query';
import { ENROLLMENT_MIGRATIONS } from './migrations';
import { PersonalDataProtector } from './personal-data/personal-data-protector';
import { RecordDeathEventController } from './record-death/record-death.event.controller';
import { RecordDeathHandler } from './record-death/record-death.handler';
import { RecordDeathHttpController } from './record-death/record-death.http.controller';
import { RegisterWorkerHandler } from './register-worker/register-worker.handler';
import { RegisterWorkerHttpController } from './register-worker/register-worker.http.controller';
import { ReplaceHeirsHandler } from './replace-heirs/replace-heirs.handler';
import { ReplaceHeirsHttpController } from './replace-heirs/replace-heirs.http.controller';
import { SearchWorkersHttpController } from './search-workers/search-workers.http.controller';
import { SearchWorkersQuery } from './search-workers/search-workers.query';
import { ViewWorkerHttpController } from './view-worker/view-worker.http.controller';
import { ViewWorkerQuery } from './view-worker/view-worker.query';
import { HeirWriter } from './workers/heir-writer';
import { NameIndexBackfill } from './workers/name-index-backfill';
import { WorkerAuditTrail } from './workers/worker-audit';
import { WorkerEnrolment } from './workers/worker-enrolment';
import { WorkerReader } from './workers/worker-reader';
import { HeirEntity, WorkerEntity } from './workers/worker.entity';

const ENTITIES = [WorkerEntity, HeirEntity, WorkerImportEntity, WorkerImportRowEntity, WorkerImportErrorEntity];

export interface EnrollmentModuleOptions {
  /** Tests bring an adjustable clock; the service runs on the system clock. */
  clock?: Clock;
}

@Module({})
export class EnrollmentModule {
  static forRoot(config: EnrollmentConfig, options: EnrollmentModuleOptions = {}): DynamicModule {
    return {
      module: EnrollmentModule,
      imports: [
        ...serviceFoundation(config, { entities: ENTITIES, migrations: ENROLLMENT_MIGRATIONS, clock: options.clock, idempotency: true }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      controllers: [
        RegisterWorkerHttpController,
        SearchWorkersHttpController,
        ViewWorkerHttpController,
        ChangeWorkerHttpController,
        ReplaceHeirsHttpController,
        DeregisterWorkerHttpController,
        RecordDeathHttpController,
        RecordDeathEventController,
        GetWorkerAuditHttpController,
        FollowCoverageEventController,
        ImportWorkersHttpController,
        ListWorkerImportsHttpController,
        GetWorkerImportHttpController,
        GetImportFailedRowsHttpController,
      ],
      providers: [
        PersonalDataProtector,
        HeirWriter,
        WorkerAuditTrail,
        WorkerEnrolment,
        WorkerReader,
        RegisterWorkerHandler,
        SearchWorkersQuery,
        ViewWorkerQuery,
        ChangeWorkerHandler,
        ReplaceHeirsHandler,
        DeregisterWorkerHandler,
        RecordDeathHandler,
        FollowCoverageHandler,
        ImportWorkersHandler,
        ImportProcessor,
        GetWorkerImportQuery,
        ListWorkerImportsQuery,
        GetImportFailedRowsQuery,
        FailedRowsPurge,
        GetWorkerAuditQuery,
        NameIndexBackfill,
      ],
    };
  }
}
