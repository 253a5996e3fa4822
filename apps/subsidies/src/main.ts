import { runService } from '@jaring/platform';
import { SubsidiesConfig } from './subsidies.config';
import { SubsidiesModule } from './subsidies.module';
import { SUBSIDIES_OPENAPI } from './subsidies.openapi';

void runService({ config: SubsidiesConfig, module: (config) => SubsidiesModule.forRoot(config), openApi: SUBSIDIES_OPENAPI });
