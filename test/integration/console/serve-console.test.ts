import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsoleServer, type ConsoleServer } from '../../../deploy/local/console/serve-console';

/**
 * The console's server (deploy/local/console/serve-console.ts): the built files, the runtime configuration and
 * the same-origin proxy to the services, checked against a recording HTTP server on 127.0.0.1 standing in for
 * a service (the browser test, test/e2e/console.test.ts, runs it in front of the real ones).
 */
describe("the console's server", () => {
  let dir: string;
  let upstream: http.Server;
  let upstreamUrl: string;
  const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  let server: ConsoleServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jaring-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    upstream = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, headers: request.headers, body });
        response.writeHead(request.url?.startsWith('/v1/missing') ? 404 : 200, {
          'content-type': 'application/problem+json',
          'x-correlation-id': 'c-1',
        });
        response.end(JSON.stringify({ title: 'Not Found', detail: 'worker not found' }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    server = await startConsoleServer({
      staticDir: dir,
      // claims points at a port nothing listens on: a service that is down
      services: { enrollment: upstreamUrl, contributions: upstreamUrl, subsidies: upstreamUrl, claims: 'http://127.0.0.1:9' },
      issuer: 'http://127.0.0.1:13005',
      clientId: 'jaring-console',
      port: 0,
    });
  });

  afterAll(async () => {
    await server?.stop();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells the browser the issuer, the client and where each API is', async () => {
    const response = await fetch(`${server.url}/config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      issuer: 'http://127.0.0.1:13005',
      clientId: 'jaring-console',
      apis: { enrollment: '/api/enrollment', contributions: '/api/contributions', subsidies: '/api/subsidies', claims: '/api/claims' },
    });
  });

  it('serves the pages of the app as index.html, assets for good, under a policy that allows only itself and the issuer', async () => {
    const callback = await fetch(`${server.url}/auth/callback?code=abc&state=def`);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toBe('<!doctype html><title>console</title>');
    expect(callback.headers.get('cache-control')).toBe('no-cache');
    expect(callback.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:13005");
    expect(callback.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(callback.headers.get('x-content-type-options')).toBe('nosniff');

    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('never serves a file outside the build', async () => {
    writeFileSync(join(dir, '..', 'jaring-console-secret.txt'), 'secret');
    try {
      for (const path of [
        '/..%2fjaring-console-secret.txt',
        '/assets/..%2f..%2fjaring-console-secret.txt',
        '/%2e%2e/jaring-console-secret.txt',
      ]) {
        expect(await (await fetch(`${server.url}${path}`)).text()).toBe('<!doctype html><title>console</title>');
      }
    } finally {
      rmSync(join(dir, '..', 'jaring-console-secret.txt'));
    }
  });

  it('passes API calls to the service with their token, query and body, and the answer back as it is', async () => {
    seen.length = 0;
    const answer = await fetch(`${server.url}/api/enrollment/v1/missing/1?limit=5&offset=10`, {
      headers: { authorization: 'Bearer t0ken' },
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.headers.get('x-correlation-id')).toBe('c-1');
    expect(await answer.json()).toEqual({ title: 'Not Found', detail: 'worker not found' });

    const csv = 'nik,fullName\n1,A\n';
    expect(
      (await fetch(`${server.url}/api/subsidies/v1/x`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })).status,
    ).toBe(200);
    expect(seen.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'GET', url: '/v1/missing/1?limit=5&offset=10', body: '' },
      { method: 'POST', url: '/v1/x', body: csv },
    ]);
    expect(seen[0].headers).toMatchObject({
      authorization: 'Bearer t0ken',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': new URL(server.url).host,
    });
    expect(seen[0].headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('answers a problem in words for an unknown API and for a service that is down', async () => {
    const unknown = await fetch(`${server.url}/api/payroll/v1/x`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      type: 'about:blank',
      title: 'No such API',
      status: 404,
      detail: 'the console proxies enrollment, contributions, subsidies, claims only',
    });
    const down = await fetch(`${server.url}/api/claims/v1/claims`);
    expect(down.status).toBe(502);
    expect(down.headers.get('content-type')).toBe('application/problem+json');
    expect(await down.json()).toEqual({
      type: 'about:blank',
      title: 'Service unavailable',
      status: 502,
      detail: 'the claims service does not answer; try again in a moment',
    });
  });
});
