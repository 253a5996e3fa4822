import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, Period, todayOf, UseCaseError } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { actorOf, type Caller, CLOCK, inTransaction, regionsVisibleTo } from '@jaring/platform';
import { termsIn } from '../domain/terms';
import { validateHeirs } from '../validation/registration-validation';
import { HeirWriter } from '../workers/heir-writer';
import { WorkerAuditTrail } from '../workers/worker-audit';
import { workerChanged } from '../workers/worker-events';
import { lockWorker } from '../workers/worker-lock';
import { termsStateOf, WorkerReader } from '../workers/worker-reader';
import type { HeirView } from '../workers/worker.view';

/**
 * `PUT /v1/workers/{id}/heirs`: the complete list of heirs replaces the one before, and other services
 * (claims) learn it through `enrollment.worker.changed`, which carries the terms from the next period, as
 * every change does, and the heirs by keyed hash. Allowed after deregistration too: a death during covered
 * months is still claimed by the heirs. An agent replaces the heirs of its own regions' workers only
 * (another region's worker answers 404, unread); the audit trail names the caller, in the same transaction.
 */
@Injectable()
export class ReplaceHeirsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly heirs: HeirWriter,
    private readonly outbox: Outbox,
    private readonly reader: WorkerReader,
    private readonly audit: WorkerAuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async replace(workerId: string, input: unknown, caller: Caller): Promise<{ heirs: HeirView[] }> {
    const scope = regionsVisibleTo(caller);
    await inTransaction(this.dataSource, async (manager) => {
      const worker = await lockWorker(manager, workerId, scope);
      const { nik } = this.reader.personalData(worker);
      const validation = validateHeirs(input, { nik, birthDate: worker.birthDate }, todayOf(this.clock));
      if (!validation.ok) throw UseCaseError.invalidFields(validation.errors);
      const refs = await this.heirs.replace(manager, workerId, validation.value);
      const from = Period.current(this.clock).next();
      const terms = termsIn(termsStateOf(worker), from);
      await this.outbox.publish(manager, workerChanged({ workerId, ...terms, effectiveFrom: from.toString(), heirs: refs }));
      await this.audit.record(manager, actorOf(caller), this.clock.now(), [{ workerId, action: 'HEIRS_REPLACED', fields: ['heirs'] }]);
    });
    const { heirs } = await this.reader.get(workerId, scope);
    return { heirs };
  }
}
