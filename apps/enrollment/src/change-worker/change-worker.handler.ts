import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, Period, UseCaseError, validateProgramSelection } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { actorOf, type Caller, CLOCK, inTransaction, regionsVisibleTo } from '@jaring/platform';
import { normalizePhone } from '../domain/enrollment-rules';
import { scheduleChange, type Terms } from '../domain/terms';
import { PersonalDataProtector, sealContext } from '../personal-data/personal-data-protector';
import { WorkerAuditTrail } from '../workers/worker-audit';
import { workerChanged } from '../workers/worker-events';
import { assertMembershipOpen, lockWorker } from '../workers/worker-lock';
import { termsStateOf, WorkerReader } from '../workers/worker-reader';
import type { WorkerView } from '../workers/worker.view';
import type { ChangeWorkerDto } from './change-worker.dto';

/**
 * `PATCH /v1/workers/{id}`: a new income or programme choice applies from the next period (the current
 * one is billed already) and is announced as `enrollment.worker.changed` with the full new terms; the
 * phone number changes at once and is nobody else's business (no event: it may not travel anyway).
 * An agent changes the workers of its own regions only (another region's worker answers 404, unread); the
 * audit trail names the caller and the fields it set, in the transaction of the change.
 */
@Injectable()
export class ChangeWorkerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly protector: PersonalDataProtector,
    private readonly reader: WorkerReader,
    private readonly audit: WorkerAuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async change(workerId: string, body: ChangeWorkerDto, caller: Caller): Promise<WorkerView> {
    const scope = regionsVisibleTo(caller);
    if (body.declaredMonthlyIncome === undefined && body.programs === undefined && body.phone === undefined) {
      throw UseCaseError.invalidFields([{ field: 'body', reason: 'nothing to change: give declaredMonthlyIncome, programs or phone' }]);
    }
    await inTransaction(this.dataSource, async (manager) => {
      const worker = await lockWorker(manager, workerId, scope);
      assertMembershipOpen(worker);
      const change: Partial<Terms> = {};
      if (body.declaredMonthlyIncome !== undefined) change.declaredMonthlyIncome = body.declaredMonthlyIncome;
      if (body.programs !== undefined) change.programs = validateProgramSelection(body.programs);
      const { state, announce } = scheduleChange(termsStateOf(worker), change, Period.current(this.clock));
      await manager.query(
        `UPDATE workers SET declared_monthly_income = $2, programs = $3, next_declared_monthly_income = $4, next_programs = $5,
                            next_terms_from = $6, personal_sealed = $7, updated_at = now()
          WHERE id = $1`,
        [
          workerId,
          state.current.declaredMonthlyIncome,
          state.current.programs,
          state.next?.terms.declaredMonthlyIncome ?? null,
          state.next?.terms.programs ?? null,
          state.next?.from.toString() ?? null,
          body.phone === undefined
            ? worker.personalSealed
            : this.protector.sealJson(
                { ...this.reader.personalData(worker), phone: normalizePhone(body.phone)! },
                sealContext.worker(workerId),
              ),
        ],
      );
      if (announce) {
        await this.outbox.publish(
          manager,
          workerChanged({ workerId, ...announce.terms, effectiveFrom: announce.effectiveFrom.toString() }),
        );
      }
      const fields = (['declaredMonthlyIncome', 'programs', 'phone'] as const).filter((field) => body[field] !== undefined);
      await this.audit.record(manager, actorOf(caller), this.clock.now(), [{ workerId, action: 'CHANGED', fields }]);
    });
    return this.reader.get(workerId, scope);
  }
}
