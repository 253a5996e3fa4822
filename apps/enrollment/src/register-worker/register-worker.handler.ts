import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, todayOf, UseCaseError } from '@jaring/domain';
import { actorOf, type Caller, CLOCK, inTransaction, regionsVisibleTo } from '@jaring/platform';
import { regionNotServed, regionNotServedReason } from '../domain/region-access';
import { validateRegistration } from '../validation/registration-validation';
import { registeredFields, WorkerAuditTrail } from '../workers/worker-audit';
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
    private readonly audit: WorkerAuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * An agent registers workers of its own regions only: another region is a 403 `region-not-served`, before
   * anything else is looked at or written. Then every field rule at once (400), then the write, with the
   * audit entry naming the caller in the same transaction.
   */
  async register(input: unknown, caller: Caller): Promise<WorkerView> {
    const scope = regionsVisibleTo(caller);
    const regionCode = input !== null && typeof input === 'object' ? (input as { regionCode?: unknown }).regionCode : undefined;
    if (scope && regionNotServed(scope, regionCode)) {
      throw UseCaseError.forbidden('this worker belongs to a region you do not serve', {
        type: 'region-not-served',
        title: 'Region not served',
        errors: [{ field: 'regionCode', reason: regionNotServedReason(scope) }],
      });
    }
    const registeredOn = todayOf(this.clock);
    const validation = validateRegistration(input, registeredOn);
    if (!validation.ok) throw UseCaseError.invalidFields(validation.errors);
    const [outcome] = await inTransaction(this.dataSource, async (manager) => {
      const outcomes = await this.enrolment.enrol(manager, [validation.value], { registeredOn });
      const [first] = outcomes;
      if (first.enrolled) {
        await this.audit.record(manager, actorOf(caller), this.clock.now(), [
          { workerId: first.workerId, action: 'REGISTERED', fields: registeredFields(validation.value) },
        ]);
      }
      return outcomes;
    });
    if (!outcome.enrolled) {
      // The existing worker's id is not disclosed: anyone holding a NIK could otherwise look its owner up.
      throw UseCaseError.conflict('a worker with this NIK is already registered', {
        type: 'duplicate-nik',
        title: 'NIK already registered',
      });
    }
    return this.reader.get(outcome.workerId, scope);
  }
}
