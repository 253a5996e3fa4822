import { Controller, Get, HttpStatus, Inject, Optional, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { HealthCheckRegistry } from './health-check.registry';
import { HEALTH_MODULE_OPTIONS, KAFKA_HEALTH_CHECK, type KafkaHealthCheck } from './health.tokens';
import type { HealthModuleOptions } from './health.module-options';
import { Public } from '../auth/access-policy';

/**
 * `GET /health`: every dependency (database, Kafka, extra checks), for people and monitoring; 200 with
 * terminus's `{ status: 'ok', info, error, details }` when all are up, 503 with the same shape otherwise.
 * `GET /health/ready`: what a request needs, the database, and nothing else (the readiness probe): with Kafka
 * away a service still takes requests, its events waiting in the outbox, so Kafka's state stays in `/health`
 * and the `jaring_kafka_connected` metric rather than taking every replica out of its Service at once.
 * `GET /health/live`: the process answers, nothing else is checked (for a liveness probe that must not
 * restart the service because the database is down).
 *
 * The 503 is written here rather than thrown: the problem details filter would turn terminus's body,
 * which monitoring tools read, into a problem document.
 */
// liveness and readiness probes and load balancers call it without credentials
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthCheckRegistry,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(HEALTH_MODULE_OPTIONS) private readonly options: HealthModuleOptions,
    @Optional() @Inject(KAFKA_HEALTH_CHECK) private readonly kafkaCheck?: KafkaHealthCheck,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'every dependency is up' })
  @ApiServiceUnavailableResponse({ description: 'at least one dependency is down' })
  async check(@Res() response: Response): Promise<void> {
    const { status, body } = await this.run(this.checks());
    response.status(status).json(body);
  }

  @Get('ready')
  @ApiOkResponse({ description: 'the service can take requests: its database answers' })
  @ApiServiceUnavailableResponse({ description: 'its database does not answer' })
  async ready(@Res() response: Response): Promise<void> {
    const { status, body } = await this.run(this.databaseCheck());
    response.status(status).json(body);
  }

  @Get('live')
  @ApiOkResponse({ description: 'the process is running' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  private async run(checks: HealthIndicatorFunction[]): Promise<{ status: number; body: unknown }> {
    try {
      return { status: HttpStatus.OK, body: await this.health.check(checks) };
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        return { status: HttpStatus.SERVICE_UNAVAILABLE, body: error.getResponse() };
      }
      throw error;
    }
  }

  private databaseCheck(): HealthIndicatorFunction[] {
    const timeoutMs = this.options.timeoutMs ?? 2000;
    return this.options.database === false ? [] : [() => this.database.pingCheck('database').withTimeout(timeoutMs)];
  }

  private checks(): HealthIndicatorFunction[] {
    const timeoutMs = this.options.timeoutMs ?? 2000;
    const checks = this.databaseCheck();
    const kafkaCheck = this.kafkaCheck;
    if (kafkaCheck) {
      checks.push(() =>
        this.indicators
          .check('kafka')
          .attempt(() => kafkaCheck())
          .withTimeout(timeoutMs),
      );
    }
    for (const definition of [...(this.options.checks ?? []), ...this.registry.list()]) {
      checks.push(() =>
        this.indicators
          .check(definition.name)
          .attempt(({ signal }) => definition.check(signal))
          .withTimeout(definition.timeoutMs ?? timeoutMs),
      );
    }
    return checks;
  }
}
