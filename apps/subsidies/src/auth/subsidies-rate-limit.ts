import { createHash } from 'node:crypto';
import { applyDecorators, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { CALLER_PROPERTY, ProblemDetailsDto, SERVICE_CONFIG, type Caller } from '@jaring/platform';
import type { SubsidiesConfig } from '../subsidies.config';

/**
 * Rate limits per caller (@nestjs/throttler): each API key, and each subject signed in through each client,
 * has its own allowance per minute over every route together, so one partner's burst does not slow
 * another's. The guard runs after the platform's access guard, which has already refused requests without
 * valid credentials (401) and put the caller on the request. In memory, per instance: with several
 * instances the effective limit is that many times higher.
 */
export const SubsidiesRateLimit = ThrottlerModule.forRootAsync({
  inject: [SERVICE_CONFIG],
  useFactory: (config: SubsidiesConfig) => ({
    throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
    getTracker: (request: Record<string, unknown>) => trackerOf(request),
    // One allowance per caller, not one per route (the library's default key includes the handler).
    generateKey: (_context: ExecutionContext, tracker: string, throttler: string) =>
      createHash('sha256').update(`${throttler}\0${tracker}`).digest('hex'),
  }),
});

/** Whose allowance a request uses: its caller's, or (a route that lets anyone in) its client address's. */
export function trackerOf(request: Record<string, unknown>): string {
  const caller = request[CALLER_PROPERTY] as Caller | undefined;
  const ip = request.ip as string | undefined;
  return caller ? `caller:${caller.clientId}\0${caller.subject}` : `ip:${ip ?? 'unknown'}`;
}

/** A controller whose every route counts against its caller's allowance: past it, 429 with Retry-After. */
export function RateLimited(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(ThrottlerGuard),
    ApiResponse({ status: 429, description: 'too many requests from this API key or client', type: ProblemDetailsDto }),
  );
}
