import { runService } from '@jaring/platform';
import { SubsidiesConfig } from './subsidies.config';
import { SubsidiesModule } from './subsidies.module';

void runService({ config: SubsidiesConfig, module: (config) => SubsidiesModule.forRoot(config) });
