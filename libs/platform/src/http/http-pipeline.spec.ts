import { Body, Controller, Get, Global, Module, NotFoundException, Param, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Matches, Min } from 'class-validator';
import type { AddressInfo } from 'node:net';
import { configureHttpApp } from '../bootstrap/bootstrap-http-service';
import { BaseServiceConfig } from '../config/base-service.config';
import { loadConfig } from '../config/load-config';
import { KAFKA_HEALTH_CHECK } from '../health/health.tokens';
import { JsonLogger } from '../logging/json-logger';
import { PlatformModule } from '../platform.module';
import { currentTraceContext } from '../trace-context';
import { Problem, problemType } from './problem';

class CreateThingDto {
  @Matches(/^\d{16}$/, { message: 'nik must be 16 digits' }) nik!: string;
  @IsString() name!: string;
  @IsInt() @Min(0) amount!: number;
}

let created = 0;

@Controller('v1/things')
class ThingsController {
  @Post()
  create(@Body() body: CreateThingDto) {
    created++;
    return { created: body.name, trace: currentTraceContext() };
  }

  @Get('duplicate')
  duplicate() {
    throw Problem.conflict('a worker with this NIK is already registered', { type: problemType('duplicate-nik') });
  }

  @Get('boom')
  boom() {
    throw new Error('connection to 10.0.0.5:5432 refused for nik 3171234567890123');
  }

  @Get(':id')
  one(@Param('id') id: string) {
    throw new NotFoundException(`thing ${id} not found`);
  }
}

const kafka = { up: true };

const json = async (response: Response): Promise<any> => response.json();

@Global()
@Module({
  providers: [
    {
      provide: KAFKA_HEALTH_CHECK,
      useValue: () => (kafka.up ? Promise.resolve() : Promise.reject(new Error('brokers unreachable'))),
    },
  ],
  exports: [KAFKA_HEALTH_CHECK],
})
class FakeMessagingModule {}

class TestConfig extends BaseServiceConfig {
  override readonly serviceName = 'test';
}

const config = loadConfig(TestConfig, {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  KAFKA_BROKERS: '127.0.0.1:9092',
  OIDC_ISSUER: 'https://id.example.org/realms/jaring',
});

async function startApp(): Promise<{ app: NestExpressApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({
        config,
        health: { database: false, checks: [{ name: 'outbox', check: () => Promise.resolve({ backlog: 0 }) }] },
      }),
      FakeMessagingModule,
    ],
    controllers: [ThingsController],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    logger: new JsonLogger('test', { logLevels: ['error', 'fatal'] }),
  });
  configureHttpApp(app, { serviceName: 'test' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

describe('HTTP pipeline (validation, problem details, request context, metrics, health)', () => {
  let app: NestExpressApplication;
  let url: string;
  let stderr: string[];
  let writeSpy: jest.SpyInstance;

  beforeAll(async () => {
    ({ app, url } = await startApp());
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    stderr = [];
    writeSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      stderr.push(String(chunk));
      return true;
    });
  });

  afterEach(() => writeSpy.mockRestore());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/v1/things`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers invalid input with a 400 problem naming every field, unknown ones included', async () => {
    const response = await post(JSON.stringify({ nik: '123', name: 'Budi', amount: -1, colour: 'red' }), {
      'x-correlation-id': 'req-42',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(response.headers.get('x-correlation-id')).toBe('req-42');
    const problem = await json(response);
    expect(problem).toMatchObject({
      type: 'https://jaring.id/problems/validation-error',
      title: 'Invalid request',
      status: 400,
      instance: '/v1/things',
      correlationId: 'req-42',
    });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'nik', reason: 'nik must be 16 digits' },
        { field: 'amount', reason: 'amount must not be less than 0' },
        { field: 'colour', reason: 'property colour should not exist' },
      ]),
    );
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await post('{"nik": "31712', { 'x-correlation-id': 'req-43' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-correlation-id')).toBe('req-43');
    expect(await json(response)).toMatchObject({
      status: 400,
      detail: 'malformed JSON body',
      instance: '/v1/things',
      correlationId: 'req-43',
    });
  });

  it.each([
    ['__proto__ at the top', '{"nik":"3171234567890123","name":"Budi","amount":1,"__proto__":{"isAdmin":true}}', ['__proto__']],
    [
      'constructor and prototype deeper, in an array',
      '{"nik":"3171234567890123","name":"Budi","amount":1,"heirs":[{"fullName":"Siti"},{"__proto__":{"x":1}}],"a":{"b":{"constructor":{"prototype":{"isAdmin":true}}}}}',
      ['heirs.1.__proto__', 'a.b.constructor'],
    ],
    ['prototype in a top-level array', '[{"ok":1},{"prototype":"secret-value-42"}]', ['1.prototype']],
  ])('refuses a JSON body with a prototype key (%s) with a 400 naming its path, before the handler', async (_, body, fields) => {
    const before = created;
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      type: 'https://jaring.id/problems/validation-error',
      title: 'Invalid request',
      status: 400,
      detail: `invalid ${fields.length === 1 ? 'field' : 'fields'}: ${fields.join(', ')}`,
      instance: '/v1/things',
      correlationId: expect.any(String),
      errors: fields.map((field) => ({ field, reason: 'this key is not accepted' })),
    });
    expect(text).not.toContain('isAdmin');
    expect(text).not.toContain('secret-value-42');
    expect(created).toBe(before);
  });

  it('accepts the words __proto__, constructor and prototype as values, and keys that merely contain them', async () => {
    const response = await post(JSON.stringify({ nik: '3171234567890123', name: '__proto__ constructor prototype', amount: 1 }));
    expect(response.status).toBe(201);
  });

  it('answers a body over 1 MB with a 413 problem', async () => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await json(response)).toMatchObject({ status: 413, detail: 'the request body is larger than the limit of 1 MB' });
  });

  it('runs the handler in the trace context of the request', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await post(JSON.stringify({ nik: '3171234567890123', name: 'Budi', amount: 16800 }), {
      'x-correlation-id': 'req-44',
      traceparent,
    });
    expect(response.status).toBe(201);
    const { trace } = await json(response);
    expect(trace.correlationId).toBe('req-44');
    expect(trace.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(trace.traceparent).not.toBe(traceparent);
  });

  it('makes up a correlation id when there is none (or a bad one)', async () => {
    const response = await fetch(`${url}/v1/things/7`, { headers: { 'x-correlation-id': 'bad id\twith spaces' } });
    const correlationId = response.headers.get('x-correlation-id');
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await json(response)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'thing 7 not found',
      instance: '/v1/things/7',
      correlationId,
    });
  });

  it('renders a Problem thrown by application code', async () => {
    const response = await fetch(`${url}/v1/things/duplicate?nik=3171234567890123`);
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({
      type: 'https://jaring.id/problems/duplicate-nik',
      title: 'Conflict',
      status: 409,
      detail: 'a worker with this NIK is already registered',
      instance: '/v1/things/duplicate',
    });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await fetch(`${url}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers an unexpected error with a generic 500 and logs it (redacted)', async () => {
    const response = await fetch(`${url}/v1/things/boom`, { headers: { 'x-correlation-id': 'req-45' } });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain('10.0.0.5');
    expect(JSON.parse(body)).toMatchObject({ status: 500, title: 'Internal Server Error', correlationId: 'req-45' });
    const record = JSON.parse(stderr.find((line) => line.includes('/v1/things/boom')) ?? '{}');
    expect(record).toMatchObject({ level: 'error', service: 'test', correlationId: 'req-45', context: 'ProblemDetailsFilter' });
    expect(record.error.message).toBe('connection to 10.0.0.5:5432 refused for nik [NIK]');
  });

  it('serves Prometheus metrics with the route template', async () => {
    await fetch(`${url}/v1/things/123`);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{service="test",method="GET",route="\/v1\/things\/:id",status_code="404"\} [1-9]/,
    );
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{service="test",method="POST",route="\/v1\/things",status_code="400"\} 1/,
    );
    // Rejected by the body parser, before routing: counted all the same.
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{service="test",method="POST",route="\(unmatched\)",status_code="413"\} 1/,
    );
  });

  it('reports health: 200 when all is up, 503 when Kafka is down', async () => {
    const up = await fetch(`${url}/health`);
    expect(up.status).toBe(200);
    expect(await json(up)).toMatchObject({
      status: 'ok',
      details: { kafka: { status: 'up' }, outbox: { status: 'up', backlog: 0 } },
    });
    kafka.up = false;
    try {
      const down = await fetch(`${url}/health`);
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/json');
      expect(await json(down)).toMatchObject({ status: 'error', error: { kafka: { status: 'down' } } });
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
    } finally {
      kafka.up = true;
    }
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${url}/docs-json`);
    expect(response.status).toBe(200);
    const document = await json(response);
    expect(document.info.title).toBe('Jaring test');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/things', '/health']));
    expect(Object.keys(document.paths)).not.toContain('/metrics');
    expect((await fetch(`${url}/docs`)).status).toBe(200);
  });

  it("sends helmet's security headers on every answer, problems included", async () => {
    for (const response of [await fetch(`${url}/docs-json`), await post('{"nik": "31712'), await fetch(`${url}/v1/things/duplicate`)]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('keeps the OpenAPI UI loadable under the CSP: no inline script, every script and style sheet from the same origin', async () => {
    const page = await fetch(`${url}/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self'[^;]*'unsafe-inline'/);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      expect(attributes).toMatch(/src="[^":]+"/);
    }
    expect(html).not.toMatch(/\son[a-z]+=/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map(([, asset]) => asset);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const answer = await fetch(new URL(asset, `${url}/docs`));
      expect({ asset, status: answer.status }).toEqual({ asset, status: 200 });
    }
  });

  it('lets a second app run in the same process with its own metrics registry', async () => {
    const second = await startApp();
    try {
      const text = await (await fetch(`${second.url}/metrics`)).text();
      expect(text).not.toContain('route="/v1/things/:id"');
    } finally {
      await second.app.close();
    }
  });
});
