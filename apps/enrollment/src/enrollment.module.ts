import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Clock } from '@jaring/domain';
import { serviceFoundation } from '@jaring/platform';
import type { EnrollmentConfig } from './enrollment.config';
import { ChangeWorkerHttpController } from './change-worker/change-worker.http.controller';
import { ChangeWorkerService } from './change-worker/change-worker.service';
import { DeregisterWorkerHttpController } from './deregister-worker/deregister-worker.http.controller';
import { DeregisterWorkerService } from './deregister-worker/deregister-worker.service';
import { FollowCoverageEventController } from './follow-coverage/follow-coverage.event.controller';
import { FollowCoverageService } from './follow-coverage/follow-coverage.service';
import { ReplaceHeirsHttpController } from './heirs/replace-heirs.http.controller';
import { ReplaceHeirsService } from './heirs/replace-heirs.service';
import { ImportProcessor } from './import-workers/import-processor';
import { ImportUploadService } from './import-workers/import-upload.service';
import { WorkerImportHttpController } from './import-workers/worker-import.http.controller';
import { ENROLLMENT_MIGRATIONS } from './migrations';
import { SearchWorkersHttpController } from './search-workers/search-workers.http.controller';
import { PersonalDataProtector } from './personal-data/personal-data-protector';
import { RegisterWorkerHttpController } from './register-worker/register-worker.http.controller';
import { RegisterWorkerService } from './register-worker/register-worker.service';
import { ViewWorkerHttpController } from './view-worker/view-worker.http.controller';
import { HeirWriter } from './workers/heir-writer';
import { WorkerEnrolment } from './workers/worker-enrolment';
import { WorkerReader } from './workers/worker-reader';
import { HeirEntity, WorkerEntity } from './workers/worker.entity';
import { WorkerImportEntity, WorkerImportErrorEntity, WorkerImportRowEntity } from './import-workers/worker-import.entity';

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
        ...serviceFoundation(config, { entities: ENTITIES, migrations: ENROLLMENT_MIGRATIONS, clock: options.clock }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      controllers: [
        RegisterWorkerHttpController,
        SearchWorkersHttpController,
        ViewWorkerHttpController,
        ChangeWorkerHttpController,
        ReplaceHeirsHttpController,
        DeregisterWorkerHttpController,
        FollowCoverageEventController,
        WorkerImportHttpController,
      ],
      providers: [
        PersonalDataProtector,
        HeirWriter,
        WorkerEnrolment,
        WorkerReader,
        RegisterWorkerService,
        ChangeWorkerService,
        ReplaceHeirsService,
        DeregisterWorkerService,
        FollowCoverageService,
        ImportUploadService,
        ImportProcessor,
      ],
    };
  }
}
