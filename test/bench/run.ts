import { availableParallelism } from 'node:os';
import { findRepoRoot, startInfrastructure } from '../../deploy/local/infra';
import { printGoals, printTable, perSecond, writeResults } from './bench-kit';
import { benchClaims } from './claims.bench';
import { benchContributions } from './contributions.bench';
import { benchEnrollment } from './enrollment.bench';
import { benchEventBackbone } from './event-backbone.bench';
import { benchScale } from './scale.bench';
import { printOpenLoopRuns } from './scale/payment-load';
import { benchSubsidies } from './subsidies.bench';

/**
 * `npm run bench [-- --events N]`: measures and prints; not part of `npm test`. Uses DATABASE_URL and
 * KAFKA_BROKERS when set, else starts its own embedded PostgreSQL and Kafka broker (the test profile).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? Number(args[index + 1]) : fallback;
  };
  const numbers = (name: string, fallback: number[]) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1].split(',').map(Number) : fallback;
  };
  const events = option('events', 100_000);
  // `--only backbone,enrollment` runs some of the benches; each service's issue adds its own below.
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(',')) : undefined;
  const wanted = (name: string) => !only || only.has(name);
  const { DATABASE_URL, KAFKA_BROKERS, OIDC_ISSUER } = process.env;
  const infra =
    DATABASE_URL && KAFKA_BROKERS && OIDC_ISSUER
      ? { databaseUrl: DATABASE_URL, kafkaBrokers: KAFKA_BROKERS, oidcIssuer: OIDC_ISSUER, stop: () => Promise.resolve() }
      : await startInfrastructure('test', (line) => process.stderr.write(`${line}\n`));
  // the benches' services and clients sign in at this provider (test/support/infrastructure.ts reads it)
  process.env.OIDC_ISSUER = infra.oidcIssuer;
  try {
    if (wanted('backbone')) {
      const backbone = await benchEventBackbone(infra.databaseUrl, infra.kafkaBrokers.split(','), events);
      printTable(`Event backbone, ${events.toLocaleString('en')} events (2 cores; PostgreSQL, Kafka and the bench share them)`, backbone);
      const file = writeResults(findRepoRoot(__dirname), 'event-backbone', {
        events,
        figures: backbone.map((f) => ({ ...f, perSecond: perSecond(f) })),
      });
      process.stdout.write(`\nresults: ${file}\n`);
    }
    if (wanted('claims')) {
      const claims = option('claims', 2_000);
      const figures = await benchClaims(infra.databaseUrl, infra.kafkaBrokers.split(','), claims);
      printTable(`Claims, ${claims.toLocaleString('en')} death claims from events to payment (2 cores shared)`, figures);
      const file = writeResults(findRepoRoot(__dirname), 'claims', {
        claims,
        figures: figures.map((f) => ({ ...f, perSecond: perSecond(f) })),
      });
      process.stdout.write(`\nresults: ${file}\n`);
    }
    if (wanted('contributions')) {
      const workers = option('workers', 100_000);
      const { figures, goals, notes } = await benchContributions(infra.databaseUrl, infra.kafkaBrokers.split(','), workers);
      printTable(
        `Contributions, ${workers.toLocaleString('en')} active workers: billing run, then paying all of them (2 cores shared)`,
        figures,
      );
      printGoals('Contributions, goals', goals);
      for (const note of notes) process.stdout.write(`  ${note}\n`);
      const file = writeResults(findRepoRoot(__dirname), 'contributions', {
        workers,
        figures: figures.map((f) => ({ ...f, perSecond: perSecond(f) })),
        goals,
        notes,
      });
      process.stdout.write(`\nresults: ${file}\n`);
    }
    if (wanted('enrollment')) {
      const rows = option('rows', 18_515);
      const figures = await benchEnrollment(infra.databaseUrl, infra.kafkaBrokers.split(','), rows);
      printTable(`Enrollment, a bulk import of ${rows.toLocaleString('en')} NTT workers through the HTTP API (2 cores shared)`, figures);
      const file = writeResults(findRepoRoot(__dirname), 'enrollment', {
        rows,
        figures: figures.map((f) => ({ ...f, perSecond: perSecond(f) })),
      });
      process.stdout.write(`\nresults: ${file}\n`);
    }
    if (wanted('subsidies')) {
      const invoices = option('invoices', 100_000);
      const figures = await benchSubsidies(infra.databaseUrl, infra.kafkaBrokers.split(','), invoices);
      printTable(`Subsidies, ${invoices.toLocaleString('en')} sponsored invoices authorised through Kafka (2 cores shared)`, figures);
      const file = writeResults(findRepoRoot(__dirname), 'subsidies', {
        invoices,
        figures: figures.map((f) => ({ ...f, perSecond: perSecond(f) })),
      });
      process.stdout.write(`\nresults: ${file}\n`);
    }
    if (wanted('scale')) {
      const options = {
        workers: option('workers', 100_000),
        selfPaidShare: option('self-paid', 0.3),
        concurrency: option('concurrency', 32),
        // `--api-rates 300,600` (the default); `--api-rate N` alone runs the one rate.
        apiRates: numbers('api-rates', args.includes('--api-rate') ? [option('api-rate', 300)] : [300, 600]),
        apiSeconds: option('api-seconds', 20),
      };
      const scale = await benchScale(infra.databaseUrl, infra.kafkaBrokers.split(','), options, (line) =>
        process.stderr.write(`[scale] ${line}\n`),
      );
      const w = options.workers.toLocaleString('en');
      printTable(
        `Scale, one month for ${w} workers through the four services as processes (${Math.round(options.selfPaidShare * 100)} % pay themselves; 2 cores shared)`,
        scale.figures,
      );
      process.stdout.write('\n  consumer group          max lag   at (s)   caught up at (s)\n');
      for (const g of scale.lag)
        process.stdout.write(
          `  ${g.group.padEnd(22)}${g.maxLag.toLocaleString('en').padStart(9)}${String(g.maxAtSeconds).padStart(9)}${String(g.caughtUpAtSeconds).padStart(19)}\n`,
        );
      const cores = scale.cycleSeconds * availableParallelism();
      process.stdout.write(
        `\n  where the ${availableParallelism()} cores' ${Math.round(cores)} CPU seconds of the cycle went: ${scale.cpu.map((c) => `${c.part} ${c.cpuSeconds} s`).join(', ')}\n`,
      );
      const { rowsPerWorker, messagesPerWorker, postgresCeiling, kafkaCeiling, rowsByTable } = scale.ceiling;
      process.stdout.write(
        `\n  one worker's month: ${rowsPerWorker} rows written in PostgreSQL, ${messagesPerWorker} messages on Kafka; the raw rates of this run allow at most ` +
          `${postgresCeiling.toLocaleString('en')} workers/s (PostgreSQL inserts) and ${kafkaCeiling.toLocaleString('en')} workers/s (Kafka), whatever the code\n` +
          `  its rows by table: ${rowsByTable.map((t) => `${t.table} ${t.rowsPerWorker}`).join(', ')}\n`,
      );
      printGoals("Scale, the month's goals", scale.goals);
      const { cycle } = scale.latency;
      process.stdout.write(
        `\n  POST /v1/payments latency during the cycle: p50 ${cycle.p50} ms, p95 ${cycle.p95} ms, p99 ${cycle.p99} ms, max ${cycle.max} ms (${cycle.count.toLocaleString('en')} requests)\n`,
      );
      printOpenLoopRuns(scale.api);
      const file = writeResults(findRepoRoot(__dirname), 'scale', {
        ...options,
        ...scale,
        figures: scale.figures.map((f) => ({ ...f, perSecond: perSecond(f) })),
      });
      process.stdout.write(`\nresults: ${file}\n`);
    }
  } finally {
    await infra.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
