import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Caller } from './caller';
import { isRole } from './roles';

/** Where the services find the identity provider and what they read from its tokens (`OIDC_*` settings). */
export interface TokenSettings {
  issuer: string;
  audience: string;
  /** The key set; default: the `jwks_uri` of the issuer's discovery document. */
  jwksUrl?: string;
  /** Dotted path of the roles claim (`realm_access.roles` for Keycloak's realm roles). */
  rolesClaim: string;
  regionsClaim: string;
  channelClaim: string;
  /**
   * The claim naming the funder a funder's staff work for, by its code; only a service that knows funders
   * (subsidies) reads it, the others leave it unset.
   */
  funderClaim?: string;
}

/** Signatures the services accept: asymmetric only, so no one holding a shared secret can mint a token. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The token is forged, expired, for someone else or malformed: a 401. */
export class InvalidToken extends Error {}
/** The identity provider's keys cannot be had: a 503, the caller may try again. */
export class VerifierUnavailable extends Error {}

/** How long a verified token is taken on its word at most (jose's own cache of the key set: 10 minutes). */
export const VERIFIED_TOKEN_MAX_AGE_MS = 10 * 60_000;
/** Verified tokens remembered at most (the least recently used is forgotten first). */
export const VERIFIED_TOKENS_KEPT = 1_000;
/** Seconds of leeway on `exp` and `nbf`, for clocks a little apart. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Checks bearer tokens against the issuer's published keys (jose): the signature with an asymmetric
 * algorithm, `iss`, `aud`, `exp` (required) and `sub`. The keys are fetched once and again when a token
 * names a key not yet seen (rotation).
 *
 * A machine client sends the same access token with every request until it expires, so a token that
 * verified is remembered by its exact text (the signature is part of it: another text is verified afresh)
 * until its `exp`, and for at most `VERIFIED_TOKEN_MAX_AGE_MS` (the time jose keeps a key set anyway), in a
 * bounded least-recently-used map; only verified tokens are kept. Once past its `exp` a remembered token is
 * forgotten and verified again, which refuses it as any expired token is refused. What a caller may do is
 * still decided on every request (the guard's roles, the service's resolver): only the signature check and
 * the claims' parsing are saved.
 */
export class TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;
  private readonly verified = new Map<string, { payload: JWTPayload; exp: number; until: number }>();

  constructor(
    private readonly settings: TokenSettings,
    /** Milliseconds since the epoch (tests move it). */
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<Caller> {
    return callerOf(this.remembered(token) ?? (await this.verifyAfresh(token)), this.settings);
  }

  private remembered(token: string): JWTPayload | undefined {
    const entry = this.verified.get(token);
    if (!entry) return undefined;
    const now = this.now();
    // As jose decides it: expired when exp <= now - tolerance (whole seconds).
    this.verified.delete(token);
    if (entry.exp <= Math.floor(now / 1000) - CLOCK_TOLERANCE_SECONDS || now >= entry.until) return undefined;
    this.verified.set(token, entry); // the most recently used last
    return entry.payload;
  }

  private async verifyAfresh(token: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      // the key set could not be fetched: not the caller's fault, and no way to trust the token either
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout)
        throw new VerifierUnavailable((error as Error).message);
      throw new InvalidToken(reasonOf(error));
    }
    this.remember(token, payload);
    return payload;
  }

  private remember(token: string, payload: JWTPayload): void {
    // `exp` is required and checked by jose: a number here.
    this.verified.delete(token);
    this.verified.set(token, { payload, exp: payload.exp!, until: this.now() + VERIFIED_TOKEN_MAX_AGE_MS });
    if (this.verified.size > VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    // a failed discovery is retried by the next request rather than remembered
    this.keys ??= this.discoverKeySet().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async discoverKeySet(): Promise<JWTVerifyGetKey> {
    if (this.settings.jwksUrl) return createRemoteJWKSet(new URL(this.settings.jwksUrl));
    const discovery = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`the identity provider's discovery ${discovery} answered ${response.status}`);
    const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
    if (!jwksUri) throw new Error(`the identity provider's discovery ${discovery} names no jwks_uri`);
    return createRemoteJWKSet(new URL(jwksUri));
  }
}

/** The caller a verified token describes; roles this platform does not know are dropped. */
export function callerOf(
  payload: JWTPayload,
  settings: Pick<TokenSettings, 'rolesClaim' | 'regionsClaim' | 'channelClaim' | 'funderClaim'>,
): Caller {
  const subject = payload.sub!;
  const clientId = stringClaim(payload, 'client_id') ?? stringClaim(payload, 'azp') ?? subject;
  const roles = listClaim(payload, settings.rolesClaim).filter(isRole);
  const channel = roles.includes('channel') ? (stringClaim(payload, settings.channelClaim) ?? clientId) : undefined;
  const funderCode = roles.includes('funder') && settings.funderClaim ? stringClaim(payload, settings.funderClaim)?.trim() : undefined;
  return {
    subject,
    clientId,
    roles,
    regions: listClaim(payload, settings.regionsClaim),
    ...(channel ? { channel } : {}),
    ...(funderCode ? { funderCode } : {}),
  };
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

function stringClaim(payload: JWTPayload, path: string): string | undefined {
  const value = claimAt(payload, path);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A list claim; a single string (or a space-separated one, as some providers send) counts too. */
function listClaim(payload: JWTPayload, path: string): string[] {
  const value = claimAt(payload, path);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((item) => item.length > 0);
  return [];
}

function reasonOf(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's signature algorithm is not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey) return "the token's signing key is not the identity provider's";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'the token is malformed';
  return 'the token is invalid';
}
