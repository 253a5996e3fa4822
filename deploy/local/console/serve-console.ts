// Serves the built console (dist/console) and, on the same origin, the four services' APIs under
// /api/<service>/ through a small reverse proxy, so the browser needs no CORS and the services stay as they
// are; /config.json tells the browser the OpenID issuer and where each API is. Used by `npm start` (port 3000)
// and by the console's browser test (a port of its own).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export const CONSOLE_SERVICES = ['enrollment', 'contributions', 'subsidies', 'claims'] as const;
export type ConsoleService = (typeof CONSOLE_SERVICES)[number];

export interface ConsoleServerOptions {
  /** dist/console: index.html and assets/ */
  staticDir: string;
  /** each service's base URL, e.g. http://127.0.0.1:3001 */
  services: Record<ConsoleService, string>;
  /** the OpenID provider's issuer, which the browser signs in at */
  issuer: string;
  /** the console's public client (authorization code with PKCE) */
  clientId: string;
  port: number;
  host?: string;
  /** errors worth an operator's eye; never a request's personal data (paths, bodies, tokens) */
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

export interface ConsoleServer {
  url: string;
  stop(): Promise<void>;
}

/** The runtime configuration the browser reads before it starts (apps/console/src/config.ts). */
export interface ConsoleRuntimeConfig {
  issuer: string;
  clientId: string;
  apis: Record<ConsoleService, string>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

// Hop-by-hop headers (RFC 9110, 7.6.1) belong to one connection and are never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const staticDir = path.resolve(options.staticDir);
  const indexHtml = path.join(staticDir, 'index.html');
  if (!fs.existsSync(indexHtml)) throw new Error(`${indexHtml} is missing: build the console first`);
  const config: ConsoleRuntimeConfig = {
    issuer: options.issuer,
    clientId: options.clientId,
    apis: Object.fromEntries(CONSOLE_SERVICES.map((name) => [name, `/api/${name}`])) as Record<ConsoleService, string>,
  };
  const headers = securityHeaders(new URL(options.issuer).origin);

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    const api = /^\/api\/([a-z]+)(\/.*)?$/.exec(url.pathname);
    if (api) {
      const service = CONSOLE_SERVICES.find((name) => name === api[1]);
      if (!service) return problem(response, 404, 'No such API', `the console proxies ${CONSOLE_SERVICES.join(', ')} only`);
      return proxy(request, response, options.services[service], `${api[2] ?? '/'}${url.search}`, service, log);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return problem(response, 405, 'Method not allowed', 'the console serves files only');
    if (url.pathname === '/config.json') {
      response.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES['.json'], 'cache-control': 'no-store' });
      return response.end(JSON.stringify(config));
    }
    const file = staticFile(staticDir, url.pathname);
    // Any other path is a page of the single-page app (e.g. /auth/callback): index.html, which routes it.
    const chosen = file ?? indexHtml;
    const immutable = file !== undefined && url.pathname.startsWith('/assets/');
    response.writeHead(200, {
      ...headers,
      'content-type': CONTENT_TYPES[path.extname(chosen)] ?? 'application/octet-stream',
      // Vite names assets by their content hash: cached for good; index.html must be asked for every time
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') return response.end();
    fs.createReadStream(chosen).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A file of the build for a URL path, never outside the folder (`..`, encoded or not). */
function staticFile(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (!candidate.startsWith(`${root}${path.sep}`)) return undefined;
  return fs.existsSync(candidate) && fs.statSync(candidate).isFile() ? candidate : undefined;
}

function securityHeaders(issuerOrigin: string): Record<string, string> {
  return {
    // Emotion (MUI's styling) writes <style> elements at run time, hence 'unsafe-inline' for styles only.
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src 'self' ${issuerOrigin}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}

function proxy(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  base: string,
  pathAndQuery: string,
  service: ConsoleService,
  log: (msg: string, extra?: Record<string, unknown>) => void,
): void {
  const target = new URL(pathAndQuery, base);
  const forwarded: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!HOP_BY_HOP.has(name) && name !== 'host' && value !== undefined) forwarded[name] = value;
  }
  forwarded['x-forwarded-for'] = request.socket.remoteAddress ?? '';
  forwarded['x-forwarded-host'] = request.headers.host ?? '';
  forwarded['x-forwarded-proto'] = 'http';
  const upstream = http.request(target, { method: request.method, headers: forwarded }, (answer) => {
    const back: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) back[name] = value;
    response.writeHead(answer.statusCode ?? 502, back);
    answer.pipe(response);
  });
  upstream.once('error', (error: NodeJS.ErrnoException) => {
    // the method and the service only: the path may hold a worker's id
    log('a service did not answer the console', { service, method: request.method, error: error.code ?? error.message });
    if (!response.headersSent)
      problem(response, 502, 'Service unavailable', `the ${service} service does not answer; try again in a moment`);
    else response.destroy();
  });
  request.pipe(upstream);
}

/** An RFC 9457 problem, as the services write theirs, so the console shows every error the same way. */
function problem(response: http.ServerResponse, status: number, title: string, detail: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}
