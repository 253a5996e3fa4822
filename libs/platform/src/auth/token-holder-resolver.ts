import type { Caller } from './caller';

/**
 * A service that knows more about a token's holder than the token says provides one (subsidies: the funder a
 * funder's staff work for, named in their token by its code). The access guard hands it the caller a verified
 * token describes, once the route's roles have let the caller in and before anything else runs; it answers
 * with the caller completed, or throws a `Problem` (a 403) to refuse the request.
 */
export interface TokenHolderResolver {
  resolve(caller: Caller): Promise<Caller>;
}

export const TOKEN_HOLDER_RESOLVER = Symbol('TokenHolderResolver');
