import { Global, Module, type DynamicModule } from '@nestjs/common';
import { systemClock, type Clock } from '@jaring/domain';

/** Injection token of the service's Clock: `@Inject(CLOCK) clock: Clock`. Never call `new Date()` for business time. */
export const CLOCK = 'CLOCK';

/** Time comes from an injected clock (DESIGN.md), so tests can stand on any day and walk through months. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
