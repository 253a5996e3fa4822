import { isPublicAddress } from './public-address';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['93.184.216.34'],
    ['9.255.255.255'], // just below 10/8
    ['11.0.0.0'], // just above 10/8
    ['100.63.255.255'], // just below CGNAT 100.64/10
    ['100.128.0.0'], // just above CGNAT
    ['126.255.255.255'], // just below 127/8
    ['128.0.0.0'],
    ['169.253.255.255'], // just below 169.254/16
    ['169.255.0.0'], // just above
    ['172.15.255.255'], // just below 172.16/12
    ['172.32.0.0'], // just above
    ['192.167.255.255'], // just below 192.168/16
    ['192.169.0.0'], // just above
    ['223.255.255.255'], // just below multicast 224/4
    ['2001:4860:4860::8888'],
    ['2606:4700:4700::1111'],
    ['2a00:1450:4001:81b::200e'],
    ['[2001:4860:4860::8888]'],
    ['::ffff:8.8.8.8'], // IPv4-mapped, a public address
    ['::ffff:808:808'], // the same, in hex groups
    ['64:ff9b::808:808'], // NAT64 of 8.8.8.8
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    // loopback 127/8, ::1
    ['127.0.0.1'],
    ['127.0.0.0'],
    ['127.255.255.255'],
    ['127.1.2.3'],
    ['::1'],
    ['[::1]'],
    ['0:0:0:0:0:0:0:1'],
    // private 10/8, 172.16/12, 192.168/16, fc00::/7
    ['10.0.0.0'],
    ['10.0.0.1'],
    ['10.255.255.255'],
    ['172.16.0.0'],
    ['172.20.1.1'],
    ['172.31.255.255'],
    ['192.168.0.0'],
    ['192.168.1.1'],
    ['192.168.255.255'],
    ['fc00::1'],
    ['fd12:3456:789a::1'],
    ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    // link-local 169.254/16 (cloud metadata), fe80::/10
    ['169.254.169.254'],
    ['169.254.0.0'],
    ['169.254.255.255'],
    ['fe80::1'],
    ['fe80::1%eth0'],
    ['febf:ffff::1'],
    // unspecified
    ['0.0.0.0'],
    ['0.1.2.3'],
    ['::'],
    ['[::]'],
    // CGNAT 100.64/10
    ['100.64.0.0'],
    ['100.100.100.200'],
    ['100.127.255.255'],
    // multicast, broadcast, reserved
    ['224.0.0.1'],
    ['239.255.255.250'],
    ['240.0.0.1'],
    ['255.255.255.255'],
    ['ff02::1'],
    ['ff05::1:3'],
    // documentation, benchmarking, IETF
    ['192.0.0.8'],
    ['192.0.2.1'],
    ['198.18.0.1'],
    ['198.19.255.255'],
    ['198.51.100.7'],
    ['203.0.113.9'],
    ['2001:db8::1'],
    ['2001::1'], // Teredo
    ['2002:7f00:1::1'], // 6to4 of 127.0.0.1
    ['100::1'], // discard
    ['fec0::1'], // old site-local
    ['3fff::1'],
    // IPv4-mapped and IPv4-compatible IPv6 carrying a non-public IPv4 address
    ['::ffff:127.0.0.1'],
    ['[::ffff:127.0.0.1]'],
    ['::ffff:7f00:1'], // the same as Node's URL parser writes it
    ['::ffff:169.254.169.254'],
    ['::ffff:a9fe:a9fe'],
    ['::ffff:10.0.0.1'],
    ['::ffff:192.168.1.1'],
    ['::ffff:0.0.0.0'],
    ['::127.0.0.1'],
    ['64:ff9b::7f00:1'], // NAT64 of 127.0.0.1
    ['64:ff9b:1::808:808'], // local-use NAT64
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([['localhost'], ['example.com'], [''], ['2130706433'], ['0x7f.1'], ['1.2.3'], ['::ffff:999.0.0.1']])(
    '%s is not an IP address, so not public',
    (address) => {
      expect(isPublicAddress(address)).toBe(false);
    },
  );

  it("judges the hosts of the odd IPv4 notations as Node's URL parser normalises them", () => {
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/']) {
      expect(isPublicAddress(new URL(url).hostname)).toBe(false);
    }
    expect(isPublicAddress(new URL('http://134744072/').hostname)).toBe(true); // 8.8.8.8
  });
});
