import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation } from '@jaring/platform';
import type { EnrollmentConfig } from './enrollment.config';
import { ENROLLMENT_MIGRATIONS } from './migrations';

@Module({})
export class EnrollmentModule {
  static forRoot(config: EnrollmentConfig): DynamicModule {
    return {
      module: EnrollmentModule,
      imports: [...serviceFoundation(config, { entities: [], migrations: ENROLLMENT_MIGRATIONS })],
    };
  }
}
