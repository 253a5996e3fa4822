import { runService } from '@jaring/platform';
import { ClaimsConfig } from './claims.config';
import { ClaimsModule } from './claims.module';

void runService({ config: ClaimsConfig, module: (config) => ClaimsModule.forRoot(config) });
