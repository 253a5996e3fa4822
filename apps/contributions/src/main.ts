import { runService } from '@jaring/platform';
import { ContributionsConfig } from './contributions.config';
import { ContributionsModule } from './contributions.module';

void runService({
  config: ContributionsConfig,
  module: (config) => ContributionsModule.forRoot(config),
  openApi: {
    description:
      'What each worker owes (rates as dated data, monthly invoices, billing runs), what was paid (payments with ' +
      'Idempotency-Key, funders through Kafka, a double-entry ledger) and who is covered (coverage on any date, arrears, lapse).',
  },
});
