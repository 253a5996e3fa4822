import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import type { AdjustableClock } from '@jaring/domain';
import { CLOCK } from './clock.token';
import { Public } from '../auth/access-policy';

class SetClockBody {
  @IsISO8601({ strict: true })
  now!: string;
}

/**
 * `PUT /test/clock { "now": "2027-01-16T00:00:00Z" }`: lets an end-to-end test or the demo move a
 * running service through the months. Only mounted when CLOCK_CONTROL=true, which the configuration
 * refuses in production.
 */
// only mounted under CLOCK_CONTROL (tests and the demo), never in production
@Public()
@ApiExcludeController()
@Controller('test/clock')
export class ClockControlController {
  constructor(@Inject(CLOCK) private readonly clock: AdjustableClock) {}

  @Get()
  read(): { now: string } {
    return { now: this.clock.now().toISOString() };
  }

  @Put()
  set(@Body() body: SetClockBody): { now: string } {
    this.clock.set(body.now);
    return this.read();
  }
}
