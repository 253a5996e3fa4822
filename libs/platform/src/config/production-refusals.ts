import { BlockList, isIP } from 'node:net';
import { decodeKey } from '../personal-data/keys';
import { DEVELOPMENT_SECRETS } from './development-secrets';

/** A setting production will not start with, and why (said after the setting's name). */
export interface ProductionRefusal {
  name: string;
  reason: string;
  /** The value must not be quoted back: it is a secret, published or not. */
  secret: boolean;
}

/**
 * What `loadConfig` refuses when the settings say `NODE_ENV=production`, besides what each setting's own
 * validation refuses:
 * - any setting equal to a published development value (development-secrets.ts), whatever the setting's name,
 *   also when written in another encoding of the same key (hex for base64, without padding...): whoever can
 *   read the repository could read what such a key seals;
 * - an `OIDC_ISSUER` on a loopback address: that is the development OpenID provider (deploy/local/oidc),
 *   whose users, clients and passwords are published too.
 *
 * `settings` are the raw values the configuration class reads (empty ones already dropped).
 */
export function productionRefusals(settings: Readonly<Record<string, string>>): ProductionRefusal[] {
  const refusals: ProductionRefusal[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (isPublishedDevelopmentValue(value)) {
      refusals.push({
        name,
        reason: 'must not be a published development value when NODE_ENV is production (give it one from your secret manager)',
        secret: true,
      });
    }
  }
  const issuer = settings.OIDC_ISSUER;
  if (issuer !== undefined && pointsAtLoopback(issuer)) {
    refusals.push({
      name: 'OIDC_ISSUER',
      reason: 'must not point at a loopback address (the development OpenID provider) when NODE_ENV is production',
      secret: false,
    });
  }
  return refusals;
}

const PUBLISHED = Object.values(DEVELOPMENT_SECRETS);
const PUBLISHED_KEYS = PUBLISHED.map((value) => decodeKey(value)).filter((key): key is Buffer => key !== undefined);

function isPublishedDevelopmentValue(value: string): boolean {
  if (PUBLISHED.includes(value.trim())) return true;
  // the services read every key through decodeKey: the same bytes are the same key, however written
  const key = decodeKey(value);
  return !!key && PUBLISHED_KEYS.some((published) => published.equals(key));
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
// 0.0.0.0 and :: are "this host" to a client: a request there reaches the same machine
LOOPBACK.addAddress('0.0.0.0', 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addAddress('::', 'ipv6');

/**
 * Whether a URL's host is this machine: `localhost` (and `*.localhost`, RFC 6761), 127.0.0.0/8, ::1, the
 * unspecified addresses, and IPv4-mapped IPv6 forms of them. The URL parser has already normalised
 * shorthand IPv4 (`127.1`, `2130706433`). Names are not resolved: the check runs before any connection.
 */
export function pointsAtLoopback(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return false; // not a URL: its own validation says so
  }
  const host = hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const version = isIP(host);
  if (version === 0) return false;
  // BlockList judges an IPv4-mapped IPv6 address (::ffff:7f00:1) by the IPv4 rules too
  return LOOPBACK.check(host, version === 4 ? 'ipv4' : 'ipv6');
}
