import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  AuthModule,
  BaseServiceConfig,
  bootstrapHttpService,
  loadConfig,
  managementAddress,
  PlatformModule,
  Public,
  type BootstrapHttpServiceOptions,
} from '@jaring/platform';
import { identitySettings } from '../support/identity';
import { testInfrastructure } from '../support/infrastructure';
import { exited } from '../support/processes';
import { waitFor } from '../support/wait-for';

const REPO = join(__dirname, '..', '..');

/** A route of the service's own API, open to anyone, so that only the listener decides whether it answers. */
@Public()
@Controller('v1/hello')
class HelloController {
  @Get()
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

@Module({})
class ManagementTestModule {}

/** A service as bootstrapHttpService starts it (the platform's /health, /metrics, /docs and the access guard), without a database. */
async function startService(options: Pick<BootstrapHttpServiceOptions, 'managementPort' | 'operatorRoutesPrivate'>) {
  const config = loadConfig(BaseServiceConfig, {
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/x',
    KAFKA_BROKERS: 'unused:9092',
    ...identitySettings(),
  });
  const app = await bootstrapHttpService({
    serviceName: 'management-test',
    module: {
      module: ManagementTestModule,
      imports: [PlatformModule.forRoot({ config, health: { database: false } }), AuthModule.forRoot({ tokens: config.tokenSettings })],
      controllers: [HelloController],
    },
    port: 0,
    host: '127.0.0.1',
    logLevels: ['fatal'],
    ...options,
  });
  const publicUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const management = managementAddress(app);
  return { app, publicUrl, managementUrl: management && `http://${management.address}:${management.port}`, management };
}

/** Helmet's headers: on every answer of both listeners. */
function expectHelmet(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(response.headers.get('x-powered-by')).toBeNull();
}

async function expectNotFound(url: string, path: string, method = 'GET'): Promise<void> {
  const response = await fetch(`${url}${path}`, { method });
  expect({ path, method, status: response.status, type: response.headers.get('content-type') }).toEqual({
    path,
    method,
    status: 404,
    type: 'application/problem+json; charset=utf-8',
  });
  // worded as for a route that does not exist: nothing tells that something is there
  expect(await response.json()).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, detail: `Cannot ${method} ${path}` });
  expectHelmet(response);
}

describe('production: the management listener', () => {
  let service: Awaited<ReturnType<typeof startService>>;

  beforeAll(async () => {
    service = await startService({ managementPort: 0, operatorRoutesPrivate: true });
  });

  afterAll(async () => {
    await service?.app.close();
  });

  it('listens on a port of its own, on the same host', () => {
    expect(service.management).toMatchObject({ address: '127.0.0.1' });
    expect(service.managementUrl).not.toBe(service.publicUrl);
  });

  it('the public port answers 404 for the metrics and the API description, as for a route that does not exist', async () => {
    for (const path of ['/metrics', '/docs', '/docs/', '/docs/swagger-ui-init.js', '/docs-json', '/docs-yaml', '/METRICS', '/metrics/']) {
      await expectNotFound(service.publicUrl, path);
    }
    await expectNotFound(service.publicUrl, '/nowhere');
  });

  it('the public port still serves the API and the probes', async () => {
    const hello = await fetch(`${service.publicUrl}/v1/hello`);
    expect(hello.status).toBe(200);
    expect(await hello.json()).toEqual({ hello: 'world' });
    expectHelmet(hello);
    for (const path of ['/health', '/health/live']) {
      const response = await fetch(`${service.publicUrl}${path}`);
      expect({ path, status: response.status, body: await response.json() }).toMatchObject({
        path,
        status: 200,
        body: { status: 'ok' },
      });
      expectHelmet(response);
    }
  });

  it('the management listener serves the metrics, the API description and the probes, with helmet on each', async () => {
    const metrics = await fetch(`${service.managementUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toContain('http_server_request_duration_seconds_bucket{');
    expectHelmet(metrics);

    const openApi = await fetch(`${service.managementUrl}/docs-json`);
    expect(openApi.status).toBe(200);
    expect(Object.keys(((await openApi.json()) as { paths: Record<string, unknown> }).paths)).toEqual(
      expect.arrayContaining(['/v1/hello', '/health']),
    );
    expectHelmet(openApi);

    // the UI and what it loads, under helmet's default Content-Security-Policy
    for (const path of ['/docs', '/docs/swagger-ui-init.js', '/docs/swagger-ui-bundle.js', '/docs-yaml']) {
      const response = await fetch(`${service.managementUrl}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expectHelmet(response);
    }

    for (const path of ['/health', '/health/live']) {
      const response = await fetch(`${service.managementUrl}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expectHelmet(response);
    }
  });

  it('the management listener serves nothing of the API', async () => {
    await expectNotFound(service.managementUrl!, '/v1/hello');
    await expectNotFound(service.managementUrl!, '/v1/hello', 'POST');
    await expectNotFound(service.managementUrl!, '/');
  });

  it('closes with the app', async () => {
    const { app, managementUrl } = await startService({ managementPort: 0, operatorRoutesPrivate: true });
    expect((await fetch(`${managementUrl}/health/live`)).status).toBe(200);
    await app.close();
    await expect(fetch(`${managementUrl}/health/live`)).rejects.toThrow('fetch failed');
  });
});

describe('outside production', () => {
  let apps: NestExpressApplication[] = [];

  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  it('the public port serves everything, as it always did, with no management listener unless asked for', async () => {
    const service = await startService({});
    apps.push(service.app);
    expect(service.management).toBeUndefined();
    for (const path of ['/metrics', '/docs', '/docs-json', '/health', '/v1/hello']) {
      const response = await fetch(`${service.publicUrl}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expectHelmet(response);
    }
  });

  it('a management listener, when asked for, serves the same operator routes and still none of the API', async () => {
    const service = await startService({ managementPort: 0 });
    apps.push(service.app);
    for (const url of [service.publicUrl, service.managementUrl!]) {
      for (const path of ['/metrics', '/docs', '/docs-json', '/health']) {
        const response = await fetch(`${url}${path}`);
        expect({ url, path, status: response.status }).toEqual({ url, path, status: 200 });
        expectHelmet(response);
      }
    }
    expect((await fetch(`${service.publicUrl}/v1/hello`)).status).toBe(200);
    await expectNotFound(service.managementUrl!, '/v1/hello');
  });

  it('refuses to hide the operator routes with no management listener to serve them', async () => {
    await expect(startService({ operatorRoutesPrivate: true })).rejects.toThrow(
      'operatorRoutesPrivate needs a managementPort: /metrics and /docs would be served nowhere',
    );
  });
});

describe('a service process in production', () => {
  it('serves /metrics and /docs on MANAGEMENT_PORT only, /health on both', async () => {
    const { databaseUrl, kafkaBrokers } = testInfrastructure();
    const port = 13021;
    const managementPort = 13022;
    const child = spawn(
      process.execPath,
      ['--disable-warning=TimeoutNegativeWarning', join(REPO, 'dist', 'apps', 'enrollment', 'src', 'main.js')],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          PORT: String(port),
          MANAGEMENT_PORT: String(managementPort),
          DATABASE_URL: databaseUrl,
          DATABASE_NAME: 'jaring_test_management_port',
          KAFKA_BROKERS: kafkaBrokers.join(','),
          // production's own keys and identity provider (not called: no request here carries a token)
          NIK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
          NIK_HASH_KEY: randomBytes(32).toString('base64'),
          EVENT_SEALING_KEY: randomBytes(32).toString('base64'),
          OIDC_ISSUER: 'https://id.example.org/realms/jaring',
          LOG_LEVEL: 'warn',
          KAFKAJS_NO_PARTITIONER_WARNING: '1',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const publicUrl = `http://127.0.0.1:${port}`;
    const managementUrl = `http://127.0.0.1:${managementPort}`;
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`enrollment exited with ${child.exitCode}: ${stderr}`);
          return (await fetch(`${publicUrl}/health`).catch(() => undefined))?.ok;
        },
        'enrollment to be healthy',
        60000,
        200,
      );
      expect((await fetch(`${managementUrl}/health`)).status).toBe(200);
      for (const path of ['/metrics', '/docs', '/docs-json'])
        expect({ path, status: (await fetch(`${publicUrl}${path}`)).status }).toEqual({ path, status: 404 });
      const metrics = await fetch(`${managementUrl}/metrics`);
      expect(await metrics.text()).toMatch(/jaring_outbox_backlog\{service="enrollment"\} \d+\n/);
      expectHelmet(metrics);
      const openApi = (await (await fetch(`${managementUrl}/docs-json`)).json()) as { info: { title: string } };
      expect(openApi.info.title).toBe('Jaring enrollment');
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
    await expect(fetch(`${managementUrl}/health/live`)).rejects.toThrow('fetch failed');
  });
});
