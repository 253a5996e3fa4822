import { runService } from '@jaring/platform';
import { EnrollmentConfig } from './enrollment.config';
import { EnrollmentModule } from './enrollment.module';

void runService({ config: EnrollmentConfig, module: (config) => EnrollmentModule.forRoot(config) });
