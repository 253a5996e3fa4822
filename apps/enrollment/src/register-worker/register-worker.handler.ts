import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, todayOf, UseCaseError } from '@jaring/domain';
import { CLOCK, inTransaction } from '@jaring/platform';
import { validateRegistration } from '../validation/registration-validation';
import { WorkerEnrolment } from '../workers/worker-enrolment';
import { WorkerReader } from '../workers/worker-reader';
import type { WorkerView } from '../workers/worker.view';

/** Registers one worker (POST /v1/workers). */
@Injectable()
export class RegisterWorkerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolment: WorkerEnrolment,
    private readonly reader: WorkerReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(input: unknown): Promise<WorkerView> {
    const registeredOn = todayOf(this.clock);
    const validation = validateRegistration(input, registeredOn);
    if (!validation.ok) throw UseCaseError.invalidFields(validation.errors);
    const [outcome] = await inTransaction(this.dataSource, (manager) =>
      this.enrolment.enrol(manager, [validation.value], { registeredOn }),
    );
    if (!outcome.enrolled) {
      // The existing worker's id is not disclosed: anyone holding a NIK could otherwise look its owner up.
      throw UseCaseError.conflict('a worker with this NIK is already registered', {
        type: 'duplicate-nik',
        title: 'NIK already registered',
      });
    }
    return this.reader.get(outcome.workerId);
  }
}
