import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotFoundException } from '@nestjs/common';
import { OPENAPI_PATH } from '../openapi/setup-openapi';
import { isManagementRequest } from './management-listener';

/**
 * Which listener answers what:
 * - `probe`: `/health`, `/health/ready` and `/health/live` (HealthController), on both: the public port's for
 *   the readiness and liveness probes and load balancers, the management listener's for whoever watches from there;
 * - `operator`: `/metrics` (MetricsController) and the OpenAPI description (`/docs`, its assets, `/docs-json`,
 *   `/docs-yaml`): on the management listener and, unless they are made private (production), the public port;
 * - `api`: everything else, the public port only.
 */
export type RouteAudience = 'probe' | 'operator' | 'api';

export function routeAudience(url: string): RouteAudience {
  const path = normalisedPath(url);
  if (path === '/health' || path.startsWith('/health/')) return 'probe';
  const docs = `/${OPENAPI_PATH}`;
  if (path === '/metrics' || path === docs || path.startsWith(`${docs}/`) || path === `${docs}-json` || path === `${docs}-yaml`) {
    return 'operator';
  }
  return 'api';
}

/**
 * Express matches routes case-insensitively and with or without a trailing slash, and a static file server
 * decodes the path: judge the path the way the most lenient of them would read it, so that `/METRICS/` or
 * `/%6detrics` is no way round.
 */
function normalisedPath(url: string): string {
  const raw = url.split('?')[0];
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    path = raw;
  }
  return (
    path
      .toLowerCase()
      .replace(/\/{2,}/g, '/')
      .replace(/\/+$/, '') || '/'
  );
}

/**
 * The Express middleware that keeps each listener to its routes: a route the listener does not serve is a 404,
 * worded as for a route that does not exist (Nest's "Cannot GET /metrics"), through the problem details filter.
 * `operatorRoutesPrivate`: `/metrics` and `/docs` on the management listener only (production).
 */
export function managementRoutes(options: { operatorRoutesPrivate: boolean }) {
  return (request: IncomingMessage & { originalUrl?: string }, _response: ServerResponse, next: (error?: unknown) => void): void => {
    const management = isManagementRequest(request);
    if (!management && !options.operatorRoutesPrivate) return next();
    const audience = routeAudience(request.url ?? '/');
    const served = management ? audience !== 'api' : audience !== 'operator';
    if (served) return next();
    next(new NotFoundException(`Cannot ${request.method} ${request.originalUrl ?? request.url}`));
  };
}
