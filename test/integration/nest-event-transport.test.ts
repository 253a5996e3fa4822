import { randomUUID } from 'node:crypto';
import { Body, Controller, Injectable, Module, Param, Post, type DynamicModule } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsInt } from 'class-validator';
import { DataSource } from 'typeorm';
import { deadLetterTopic, EVENTS, Topics, type EventEnvelope } from '@jaring/contracts';
import { connectKafkaEvents, DlqHeaders, KafkaEventContext, OnEvent, Outbox } from '@jaring/messaging';
import { BaseServiceConfig, bootstrapHttpService, loadConfig, Public, serviceFoundation } from '@jaring/platform';
import { identitySettings } from '../support/identity';
import { freshDatabase, testInfrastructure } from '../support/infrastructure';
import { testKafka, TopicRecorder } from '../support/kafka';
import { TestEffects1764100000001 } from '../support/messaging-database';
import { waitFor } from '../support/wait-for';

class TestServiceConfig extends BaseServiceConfig {
  override readonly serviceName = 'transport-test';
}

class IncomeBody {
  @IsInt() income!: number;
}

/** Topics are shared by all test files: this service reacts only to the workers this file created. */
const ownWorkers = new Set<string>();

type WorkerChangedEvent = EventEnvelope<{ workerId: string; declaredMonthlyIncome: number }>;

/** An HTTP write that announces itself, as a service's application code does (open: who calls is not this test's subject). */
@Public()
@Controller('test/workers')
class IncomeController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  @Post(':id/income')
  async change(@Param('id') workerId: string, @Body() body: IncomeBody): Promise<{ eventId: string }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO test_workers (id, income) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET income = $2', [
        workerId,
        body.income,
      ]);
      const event = await this.outbox.publish(manager, {
        definition: EVENTS.WorkerChanged,
        subject: workerId,
        data: { workerId, declaredMonthlyIncome: body.income, programs: ['JKK', 'JKM'], effectiveFrom: '2027-01' },
      });
      return { eventId: event.id };
    });
  }
}

/** Reacts to the event in the consumer's transaction and announces a next event, as a service would. */
@Injectable()
@Controller()
class IncomeHandler {
  constructor(private readonly outbox: Outbox) {}

  @OnEvent(EVENTS.WorkerChanged)
  async onChanged(@Payload() event: WorkerChangedEvent, @Ctx() context: KafkaEventContext): Promise<void> {
    const { workerId, declaredMonthlyIncome } = event.data;
    if (!ownWorkers.has(workerId)) return;
    if (declaredMonthlyIncome === 13) throw new Error('income 13 is cursed');
    await context.manager.query('INSERT INTO test_effects (event_id, worker_id, marker) VALUES ($1, $2, $3)', [
      event.id,
      workerId,
      declaredMonthlyIncome,
    ]);
    await this.outbox.publish(context.manager, {
      definition: EVENTS.WorkerDeregistered,
      subject: workerId,
      data: { workerId, deregisteredOn: '2027-01-31', reason: `follow-up of ${declaredMonthlyIncome}` },
    });
  }
}

@Module({})
class TransportTestModule {
  static forRoot(config: TestServiceConfig): DynamicModule {
    return {
      module: TransportTestModule,
      imports: serviceFoundation(config, { entities: [], migrations: [TestEffects1764100000001] }),
      controllers: [IncomeController, IncomeHandler],
    };
  }
}

describe('a Nest service on the event backbone (HTTP -> outbox -> Kafka -> @EventPattern -> outbox)', () => {
  let app: NestExpressApplication;
  let baseUrl: string;
  let dataSource: DataSource;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    const database = 'jaring_test_transport';
    await freshDatabase(database);
    const { databaseUrl, kafkaBrokers } = testInfrastructure();
    const config = loadConfig(TestServiceConfig, {
      DATABASE_URL: databaseUrl,
      DATABASE_NAME: database,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      ...identitySettings(),
    });
    app = await bootstrapHttpService({
      serviceName: config.serviceName,
      module: TransportTestModule.forRoot(config),
      port: 0,
      host: '127.0.0.1',
      logLevels: ['fatal', 'error'],
      configure: (application) => connectKafkaEvents(application, { maxAttempts: 2, retryDelayMs: 20 }),
    });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    dataSource = app.get(DataSource);
    recorder = await new TopicRecorder(testKafka(), [Topics.enrollmentWorkers, deadLetterTopic(Topics.enrollmentWorkers)], (m) =>
      ownWorkers.has(m.key ?? ''),
    ).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await app?.close();
  });

  async function changeIncome(workerId: string, income: number, headers: Record<string, string> = {}): Promise<string> {
    ownWorkers.add(workerId);
    const response = await fetch(`${baseUrl}/test/workers/${workerId}/income`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ income }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { eventId: string }).eventId;
  }

  it('carries correlation, causation and the trace from the HTTP request to the event and the next event', async () => {
    const workerId = randomUUID();
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const eventId = await changeIncome(workerId, 2_000_000, {
      'x-correlation-id': 'req-42',
      traceparent: `00-${traceId}-b7ad6b7169203331-01`,
    });

    const followUp = await waitFor(
      () => recorder.messages.find((m) => m.key === workerId && m.headers.type === 'enrollment.worker.deregistered'),
      'the follow-up event',
    );
    const first = recorder.messages.find((m) => m.key === workerId && m.headers.type === 'enrollment.worker.changed')!;
    const firstEnvelope = JSON.parse(first.value!) as EventEnvelope;
    const nextEnvelope = JSON.parse(followUp.value!) as EventEnvelope;

    expect(firstEnvelope).toMatchObject({ id: eventId, correlationId: 'req-42', causationId: null, source: 'transport-test' });
    expect(nextEnvelope).toMatchObject({ correlationId: 'req-42', causationId: eventId, subject: workerId });
    for (const message of [first, followUp]) expect(message.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(first.headers.traceparent).not.toBe(followUp.headers.traceparent);

    const [effect] = await dataSource.query('SELECT event_id FROM test_effects WHERE worker_id = $1', [workerId]);
    expect(effect.event_id).toBe(eventId);
  });

  it("dead-letters an event whose handler keeps failing with the handler's own error, and goes on", async () => {
    const workerId = randomUUID();
    const cursed = await changeIncome(workerId, 13);
    const next = await changeIncome(workerId, 14);

    await waitFor(
      async () => (await dataSource.query('SELECT 1 FROM test_effects WHERE event_id = $1', [next])).length === 1,
      'the next event applied',
    );
    const letter = await waitFor(
      () => recorder.messages.find((m) => m.topic === deadLetterTopic(Topics.enrollmentWorkers) && m.key === workerId),
      'the dead letter',
    );
    expect(JSON.parse(letter.value!).id).toBe(cursed);
    expect(letter.headers[DlqHeaders.reason]).toContain('income 13 is cursed');
    expect(letter.headers[DlqHeaders.consumerGroup]).toBe('jaring-transport-test');
  });

  it('answers bad input with a problem detail naming the field, and writes nothing', async () => {
    const workerId = randomUUID();
    const response = await fetch(`${baseUrl}/test/workers/${workerId}/income`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ income: 'lots', extra: true }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['extra', 'income']);
    expect(await dataSource.query('SELECT 1 FROM outbox WHERE message_key = $1', [workerId])).toHaveLength(0);
  });

  it('serves health with the database and Kafka up, and the backbone counters', async () => {
    const health = await fetch(`${baseUrl}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { info: Record<string, { status: string }> };
    expect(body.info.database.status).toBe('up');
    expect(body.info.kafka.status).toBe('up');
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/jaring_outbox_published_total\{service="transport-test"\} [1-9]/);
    expect(metrics).toMatch(/jaring_events_applied_total\{service="transport-test"\} [1-9]/);
    expect(metrics).toMatch(/jaring_events_dead_lettered_total\{service="transport-test"\} [1-9]/);
  });
});
