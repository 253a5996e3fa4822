import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, todayOf } from '@jaring/domain';
import { CLOCK, Problem, problemType, ValidationProblem } from '@jaring/platform';
import { validateRegistration } from '../validation/registration-validation';
import { WorkerEnrolment } from '../workers/worker-enrolment';
import { WorkerReader } from '../workers/worker-reader';
import type { WorkerView } from '../workers/worker.view';

export const DUPLICATE_NIK = problemType('duplicate-nik');

/** Registers one worker (POST /v1/workers). */
@Injectable()
export class RegisterWorkerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolment: WorkerEnrolment,
    private readonly reader: WorkerReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(input: unknown): Promise<WorkerView> {
    const registeredOn = todayOf(this.clock);
    const validation = validateRegistration(input, registeredOn);
    if (!validation.ok) throw new ValidationProblem(validation.errors);
    const [outcome] = await this.dataSource.transaction((manager) => this.enrolment.enrol(manager, [validation.value], { registeredOn }));
    if (!outcome.enrolled) {
      // The existing worker's id is not disclosed: anyone holding a NIK could otherwise look its owner up.
      throw Problem.conflict('a worker with this NIK is already registered', { type: DUPLICATE_NIK, title: 'NIK already registered' });
    }
    return this.reader.get(outcome.workerId);
  }
}
