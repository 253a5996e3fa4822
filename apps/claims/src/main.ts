import { runService } from '@jaring/platform';
import { ClaimsConfig } from './claims.config';
import { ClaimsModule } from './claims.module';

void runService({
  config: ClaimsConfig,
  module: (config) => ClaimsModule.forRoot(config),
  openApi: {
    description:
      'Claims for work accidents (JKK), deaths (JKM) and old-age savings (JHT): eligibility from coverage, benefits ' +
      'from the programme rules, submitted by field agents (their regions only) and the back office, maker-checker ' +
      'decisions by back-office staff, payout batches with bank files and results, and public benefit estimates. ' +
      'Callers send an access token from the OpenID provider (Authorization: Bearer) carrying their roles.',
  },
});
