import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation } from '@jaring/platform';
import type { ClaimsConfig } from './claims.config';
import { CLAIMS_MIGRATIONS } from './migrations';

@Module({})
export class ClaimsModule {
  static forRoot(config: ClaimsConfig): DynamicModule {
    return {
      module: ClaimsModule,
      imports: [...serviceFoundation(config, { entities: [], migrations: CLAIMS_MIGRATIONS })],
    };
  }
}
