import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation } from '@jaring/platform';
import type { ContributionsConfig } from './contributions.config';
import { CONTRIBUTIONS_MIGRATIONS } from './migrations';

@Module({})
export class ContributionsModule {
  static forRoot(config: ContributionsConfig): DynamicModule {
    return {
      module: ContributionsModule,
      imports: [...serviceFoundation(config, { entities: [], migrations: CONTRIBUTIONS_MIGRATIONS })],
    };
  }
}
