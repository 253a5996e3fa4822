import { runService } from '@jaring/platform';
import { ContributionsConfig } from './contributions.config';
import { ContributionsModule } from './contributions.module';

void runService({ config: ContributionsConfig, module: (config) => ContributionsModule.forRoot(config) });
