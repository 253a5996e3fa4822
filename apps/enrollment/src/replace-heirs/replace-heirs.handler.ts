import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, Period, todayOf, UseCaseError } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, inTransaction } from '@jaring/platform';
import { termsIn } from '../domain/terms';
import { validateHeirs } from '../validation/registration-validation';
import { HeirWriter } from '../workers/heir-writer';
import { workerChanged } from '../workers/worker-events';
import { lockWorker } from '../workers/worker-lock';
import { termsStateOf, WorkerReader } from '../workers/worker-reader';
import type { HeirView } from '../workers/worker.view';

/**
 * `PUT /v1/workers/{id}/heirs`: the complete list of heirs replaces the one before, and other services
 * (claims) learn it through `enrollment.worker.changed`, which carries the terms from the next period, as
 * every change does, and the heirs by keyed hash. Allowed after deregistration too: a death during covered
 * months is still claimed by the heirs.
 */
@Injectable()
export class ReplaceHeirsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly heirs: HeirWriter,
    private readonly outbox: Outbox,
    private readonly reader: WorkerReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async replace(workerId: string, input: unknown): Promise<{ heirs: HeirView[] }> {
    await inTransaction(this.dataSource, async (manager) => {
      const worker = await lockWorker(manager, workerId);
      const { nik } = this.reader.personalData(worker);
      const validation = validateHeirs(input, { nik, birthDate: worker.birthDate }, todayOf(this.clock));
      if (!validation.ok) throw UseCaseError.invalidFields(validation.errors);
      const refs = await this.heirs.replace(manager, workerId, validation.value);
      const from = Period.current(this.clock).next();
      const terms = termsIn(termsStateOf(worker), from);
      await this.outbox.publish(manager, workerChanged({ workerId, ...terms, effectiveFrom: from.toString(), heirs: refs }));
    });
    const { heirs } = await this.reader.get(workerId);
    return { heirs };
  }
}
