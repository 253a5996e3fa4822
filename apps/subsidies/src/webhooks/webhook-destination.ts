import { lookup as dnsLookup, promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { isPublicAddress } from '@jaring/platform';
import type { SubsidiesConfig } from '../subsidies.config';

/**
 * Where a funder's webhook may point. A funder chooses the URL, and the service POSTs signed payloads to it:
 * without these rules a funder could make the service reach its own network (cloud metadata at
 * 169.254.169.254, loopback, private addresses). A URL's host must be, or resolve only to, public addresses
 * (`isPublicAddress`): checked at registration, and again at every delivery, where the connection goes to the
 * address that was checked (`publicOnlyLookup`), since a name's addresses may change after registration.
 */
export interface WebhookDestinationRules {
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: local development and tests deliver to receivers on 127.0.0.1. */
  allowPrivateNetworks: boolean;
  /** In production only `https:` URLs are accepted. */
  httpsOnly: boolean;
}

export function webhookDestinationRules(config: SubsidiesConfig): WebhookDestinationRules {
  return { allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS === true, httpsOnly: config.NODE_ENV === 'production' };
}

export const NON_PUBLIC_URL_REASON = 'url must not point at a loopback, private, link-local or other non-public address';

/** The host of a parsed URL as an address or a name: `[::1]` → `::1`. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** Why a webhook URL may not be registered (a reason naming `url`, never quoting it), or undefined when it may. */
export async function refusedWebhookUrl(url: string, rules: WebhookDestinationRules): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url must be an http(s) URL';
  }
  if (rules.httpsOnly && parsed.protocol !== 'https:') return 'url must be an https URL';
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'url must be an http(s) URL';
  if (rules.allowPrivateNetworks) return undefined;
  const host = hostOf(parsed);
  if (isIP(host)) return isPublicAddress(host) ? undefined : NON_PUBLIC_URL_REASON;
  let addresses: LookupAddress[];
  try {
    addresses = await dns.lookup(host, { all: true, verbatim: true });
  } catch {
    return "url's host name must resolve";
  }
  return addresses.length > 0 && addresses.every(({ address }) => isPublicAddress(address)) ? undefined : NON_PUBLIC_URL_REASON;
}

/** A delivery refused before connecting: its host is, or resolves to, a non-public address. */
export class NonPublicAddressError extends Error {
  override readonly name = 'NonPublicAddressError';

  constructor() {
    super('refused: the host is or resolves to a loopback, private, link-local or other non-public address; not connected');
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for an HTTP request that resolves the name once and hands the connection only addresses that
 * are public: there is no gap between the check and the connection for the name's addresses to change in.
 * A name with any non-public address is refused outright. (An IP address as the host is not looked up by
 * Node: check it with `isPublicAddress` before the request.)
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, '');
      return;
    }
    if (addresses.length === 0 || !addresses.every(({ address }) => isPublicAddress(address))) {
      callback(new NonPublicAddressError(), '');
      return;
    }
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  });
}
