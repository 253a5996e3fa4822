import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { SERVICE_CONFIG } from '@jaring/platform';
import type { SubsidiesConfig } from '../subsidies.config';
import { hashApiKey, presentedKey } from './api-key-secret';

/**
 * Rate limits per API key (@nestjs/throttler): each key, valid or not, has its own allowance per minute,
 * so one partner's burst does not slow another's; requests without a key are counted per client address.
 * In memory, per instance: with several instances the effective limit is that many times higher.
 */
export const SubsidiesRateLimit = ThrottlerModule.forRootAsync({
  inject: [SERVICE_CONFIG],
  useFactory: (config: SubsidiesConfig) => ({
    throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
    getTracker: (request: Record<string, unknown>, _context: ExecutionContext) => {
      const { headers, ip } = request as { headers?: Record<string, string | string[] | undefined>; ip?: string };
      const key = presentedKey(headers ?? {});
      return key ? `key:${hashApiKey(key)}` : `ip:${ip ?? 'unknown'}`;
    },
  }),
});
