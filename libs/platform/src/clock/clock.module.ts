import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AdjustableClock, systemClock, type Clock } from '@jaring/domain';
import { ClockControlController } from './clock-control.controller';

import { CLOCK } from './clock.token';

export { CLOCK };

/** Time comes from an injected clock (docs/design.md), so tests can stand on any day and walk through months. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }

  /** An adjustable clock that starts at `start` (the real time by default) and `PUT /test/clock` moves (end-to-end tests, CLOCK_CONTROL). */
  static controlled(start: Date | string = new Date()): DynamicModule {
    return { ...ClockModule.forRoot(new AdjustableClock(start)), controllers: [ClockControlController] };
  }
}
