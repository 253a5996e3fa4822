import { Inject, Injectable } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { todayOf, type Clock } from '@jaring/domain';
import { CLOCK, METRICS_REGISTRY } from '@jaring/platform';

/**
 * `/metrics`: unpaid claims past their due date, by programme (`jaring_claims_overdue{type}`), and those
 * due within the next 2 days (`jaring_claims_due_soon`), read from the database when Prometheus scrapes.
 * Registered in the constructor: a hybrid app (HTTP + the Kafka transport) runs `onModuleInit` twice.
 */
@Injectable()
export class OverdueClaimsMetrics {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, dataSource: DataSource, @Inject(CLOCK) clock: Clock) {
    const count = (sql: string) => dataSource.query<Array<{ type: string; n: number }>>(sql, [todayOf(clock)]);
    new Gauge({
      name: 'jaring_claims_overdue',
      help: 'Unpaid claims past their service-level due date',
      labelNames: ['type'],
      registers: [registry],
      async collect() {
        const rows = await count(
          `SELECT type, count(*)::int AS n FROM claims WHERE status IN ('SUBMITTED', 'VERIFIED', 'APPROVED') AND due_on < $1::date GROUP BY type`,
        ).catch(() => []);
        this.reset();
        for (const type of ['JKM', 'JKK', 'JHT']) this.set({ type }, rows.find((r) => r.type === type)?.n ?? 0);
      },
    });
    new Gauge({
      name: 'jaring_claims_due_soon',
      help: 'Unpaid claims due today or within the next 2 days',
      registers: [registry],
      async collect() {
        const rows = await count(
          `SELECT '' AS type, count(*)::int AS n FROM claims WHERE status IN ('SUBMITTED', 'VERIFIED', 'APPROVED') AND due_on BETWEEN $1::date AND $1::date + 2`,
        ).catch(() => []);
        this.set(rows[0]?.n ?? 0);
      },
    });
  }
}
