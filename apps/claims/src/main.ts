import { runService } from '@jaring/platform';
import { ClaimsConfig } from './claims.config';
import { ClaimsModule } from './claims.module';

void runService({
  config: ClaimsConfig,
  module: (config) => ClaimsModule.forRoot(config),
  openApi: {
    description:
      'Claims for work accidents (JKK), deaths (JKM) and old-age savings (JHT): eligibility from coverage, benefits ' +
      'from the programme rules, maker-checker decisions by back-office users (JWT bearer tokens with roles), payout ' +
      'batches with bank files and results, and public benefit estimates.',
    configure: (builder) => builder.addBearerAuth(),
  },
});
