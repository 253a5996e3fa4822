import { isIP } from 'node:net';

/**
 * Whether an IP address (as a string, IPv4 dotted quad or IPv6, brackets allowed) is a public unicast
 * address: one that an outgoing request to a partner (a webhook) may reach. Everything else is refused:
 * loopback, private (RFC 1918, IPv6 unique local), link-local (with the cloud metadata address
 * 169.254.169.254), unspecified, CGNAT shared space, multicast, broadcast, documentation, benchmarking
 * and other reserved ranges. IPv4-mapped (`::ffff:127.0.0.1`), IPv4-compatible and NAT64 IPv6 addresses
 * are judged by the IPv4 address they carry or refused. Not an IP address at all: false.
 *
 * Names are not resolved here: resolve them first and judge every address they resolve to.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // A zone id (fe80::1%eth0) only goes with link-local addresses; judge the address without it.
  const unzoned = bare.includes('%') ? bare.slice(0, bare.indexOf('%')) : bare;
  const version = isIP(unzoned);
  if (version === 4) return isPublicIPv4(parseIPv4(unzoned));
  if (version === 6) return isPublicIPv6(parseIPv6(unzoned));
  return false;
}

/** IPv4 ranges that are not public: [network, prefix length]. */
const NON_PUBLIC_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network", with the unspecified 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT shared address space
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, with cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, with the broadcast 255.255.255.255
];

const NON_PUBLIC_IPV4_MASKS = NON_PUBLIC_IPV4.map(([network, bits]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { network: parseIPv4(network) & mask, mask };
});

function parseIPv4(address: string): number {
  return address.split('.').reduce((value, octet) => ((value << 8) | Number.parseInt(octet, 10)) >>> 0, 0);
}

function isPublicIPv4(value: number): boolean {
  return !NON_PUBLIC_IPV4_MASKS.some(({ network, mask }) => (value & mask) >>> 0 === network >>> 0);
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 turned into two groups). */
function parseIPv6(address: string): number[] {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const before = groups(head);
  if (rest === undefined) return before;
  const after = groups(rest);
  return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
}

function embeddedIPv4(groups: number[]): number {
  return ((groups[6] << 16) | groups[7]) >>> 0;
}

function isPublicIPv6(g: number[]): boolean {
  const zeroUpTo = (n: number) => g.slice(0, n).every((group) => group === 0);
  // ::/96 (unspecified ::, loopback ::1, deprecated IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped).
  if (zeroUpTo(5) && g[5] === 0xffff) return isPublicIPv4(embeddedIPv4(g));
  if (zeroUpTo(6)) return false;
  // 64:ff9b::/96 (NAT64): judged by the IPv4 address it carries; 64:ff9b:1::/48 (local NAT64) refused.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) return isPublicIPv4(embeddedIPv4(g));
  // Only global unicast 2000::/3 is public: this leaves out fc00::/7 (unique local), fe80::/10 (link-local),
  // fec0::/10 (old site-local), ff00::/8 (multicast), 100::/64 (discard) and the rest of the reserved space.
  if ((g[0] & 0xe000) !== 0x2000) return false;
  if (g[0] === 0x2001 && g[1] < 0x0200) return false; // 2001::/23 IETF protocol assignments, with Teredo 2001::/32
  if (g[0] === 0x2001 && g[1] === 0x0db8) return false; // 2001:db8::/32 documentation
  if (g[0] === 0x2002) return false; // 2002::/16 6to4: carries any IPv4 address, private ones too
  if (g[0] === 0x3fff && g[1] < 0x1000) return false; // 3fff::/20 documentation
  return true;
}
