import { findRepoRoot, startInfrastructure } from '../../deploy/local/infra';
import { printTable, perSecond, writeResults } from './bench-kit';
import { benchEventBackbone } from './event-backbone.bench';

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
