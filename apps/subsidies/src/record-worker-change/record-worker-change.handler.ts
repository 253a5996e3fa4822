import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AnyWorkerChanged } from '@jaring/contracts';

/** Income and programmes as changed; they price sponsorships granted from now on. */
@Injectable()
export class RecordWorkerChangeHandler {
  async handle(manager: EntityManager, data: AnyWorkerChanged): Promise<void> {
    await manager.query('UPDATE workers SET declared_monthly_income = $2, programs = $3 WHERE worker_id = $1', [
      data.workerId,
      data.declaredMonthlyIncome,
      data.programs,
    ]);
  }
}
