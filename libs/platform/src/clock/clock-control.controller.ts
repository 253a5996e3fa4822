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
 * `PUT /test/clock { "now": "2027-01-16T00:00:00Z" }`: lets an end-to-end test move a running service
 * through the months. Only mounted when CLOCK_CONTROL=true, which the configuration refuses unless
 * NODE_ENV=test.
 */
// only mounted under CLOCK_CONTROL, which only NODE_ENV=test allows: the tests call it without credentials
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
