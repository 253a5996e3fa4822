import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type CoverageChangedV1, type CoverageLapsedV1, type EventEnvelope } from '@jaring/contracts';
import type { KafkaEventContext } from '@jaring/messaging';
import { BatchEventPattern } from './batch-event-pattern';

/**
 * The claims service's read model of contributions' coverage: which periods were paid for which
 * programme (a claim is covered when its incident date falls in one), and the lapses (to tell a family
 * why an incident was not covered). Coverage only grows by periods; a lapse ends it from its date.
 */
@Controller()
export class CoverageEventsController {
  @BatchEventPattern(EVENTS.CoverageActivated.type)
  async activated(@Payload() events: EventEnvelope<CoverageChangedV1>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.cover(events, ctx);
  }

  @BatchEventPattern(EVENTS.CoverageExtended.type)
  async extended(@Payload() events: EventEnvelope<CoverageChangedV1>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await this.cover(events, ctx);
  }

  @BatchEventPattern(EVENTS.CoverageLapsed.type)
  async lapsed(@Payload() events: EventEnvelope<CoverageLapsedV1>[], @Ctx() ctx: KafkaEventContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO coverage_lapses (event_id, worker_id, lapsed_on, last_covered_day, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[], $5::text[]) ON CONFLICT DO NOTHING`,
      [
        events.map((e) => e.id),
        events.map((e) => e.data.workerId),
        events.map((e) => e.data.lapsedOn),
        events.map((e) => e.data.lastCoveredDay ?? null),
        events.map((e) => e.data.reason),
      ],
    );
  }

  private async cover(events: EventEnvelope<CoverageChangedV1>[], ctx: KafkaEventContext): Promise<void> {
    const rows = events.flatMap((e) =>
      e.data.periods.flatMap((period) => e.data.programs.map((program) => [e.data.workerId, period, program] as const)),
    );
    if (!rows.length) return;
    await ctx.manager.query(
      `INSERT INTO coverage_periods (worker_id, period, program)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
  }
}
