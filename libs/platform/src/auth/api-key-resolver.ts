import type { Caller } from './caller';

/**
 * A service whose partners sign in with API keys (subsidies) provides one: it turns a presented key into
 * the caller it belongs to, or `undefined` for an unknown or revoked key.
 */
export interface ApiKeyResolver {
  resolve(key: string): Promise<Caller | undefined>;
}

export const API_KEY_RESOLVER = Symbol('ApiKeyResolver');
