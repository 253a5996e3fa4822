import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation } from '@jaring/platform';
import type { SubsidiesConfig } from './subsidies.config';
import { SUBSIDIES_MIGRATIONS } from './migrations';

@Module({})
export class SubsidiesModule {
  static forRoot(config: SubsidiesConfig): DynamicModule {
    return {
      module: SubsidiesModule,
      imports: [...serviceFoundation(config, { entities: [], migrations: SUBSIDIES_MIGRATIONS })],
    };
  }
}
