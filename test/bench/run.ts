import { findRepoRoot, startInfrastructure } from '../../deploy/local/infra';
import { printTable, perSecond, writeResults } from './bench-kit';
import { benchClaims } from './claims.bench';
import { benchContributions } from './contributions.bench';
import { benchEnrollment } from './enrollment.bench';
import { benchEventBackbone } from './event-backbone.bench';
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
  const events = option('events', 100_000);
  // `--only backbone,enrollment` runs some of the benches; each service's issue adds its own below.
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(',')) : undefined;
  const wanted = (name: string) => !only || only.has(name);
  const { DATABASE_URL, KAFKA_BROKERS } = process.env;
  const infra =
    DATABASE_URL && KAFKA_BROKERS
      ? { databaseUrl: DATABASE_URL, kafkaBrokers: KAFKA_BROKERS, stop: async () => undefined }
      : await startInfrastructure('test', (line) => process.stderr.write(`${line}\n`));
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
      const file = writeResults(findRepoRoot(__dirname), 'claims', { claims, figures: figures.map((f) => ({ ...f, perSecond: perSecond(f) })) });
      process.stdout.write(`\nresults: ${file}\n`);
    }
    if (wanted('contributions')) {
      const workers = option('workers', 100_000);
      const figures = await benchContributions(infra.databaseUrl, infra.kafkaBrokers.split(','), workers);
      printTable(`Contributions, ${workers.toLocaleString('en')} active workers: billing run, then paying all of them (2 cores shared)`, figures);
      const file = writeResults(findRepoRoot(__dirname), 'contributions', { workers, figures: figures.map((f) => ({ ...f, perSecond: perSecond(f) })) });
      process.stdout.write(`\nresults: ${file}\n`);
    }
    if (wanted('enrollment')) {
      const rows = option('rows', 18_515);
      const figures = await benchEnrollment(infra.databaseUrl, infra.kafkaBrokers.split(','), rows);
      printTable(`Enrollment, a bulk import of ${rows.toLocaleString('en')} NTT workers through the HTTP API (2 cores shared)`, figures);
      const file = writeResults(findRepoRoot(__dirname), 'enrollment', { rows, figures: figures.map((f) => ({ ...f, perSecond: perSecond(f) })) });
      process.stdout.write(`\nresults: ${file}\n`);
    }
    if (wanted('subsidies')) {
      const invoices = option('invoices', 100_000);
      const figures = await benchSubsidies(infra.databaseUrl, infra.kafkaBrokers.split(','), invoices);
      printTable(`Subsidies, ${invoices.toLocaleString('en')} sponsored invoices authorised through Kafka (2 cores shared)`, figures);
      const file = writeResults(findRepoRoot(__dirname), 'subsidies', { invoices, figures: figures.map((f) => ({ ...f, perSecond: perSecond(f) })) });
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
