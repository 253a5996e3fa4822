import { loadConfig } from '@jaring/platform';
import { SubsidiesConfig } from '../subsidies.config';
import { NON_PUBLIC_URL_REASON, NonPublicAddressError, publicOnlyLookup, refusedWebhookUrl } from './webhook-destination';

const guarded = { allowPrivateNetworks: false, httpsOnly: false };

describe('refusedWebhookUrl', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data',
    'http://127.0.0.1:9/x',
    'http://[::1]/x',
    'http://10.0.0.1/x',
    'http://172.16.0.1/x',
    'http://192.168.1.1/x',
    'http://100.64.0.1/x',
    'http://0.0.0.0/x',
    'http://[::]/x',
    'http://[fe80::1]/x',
    'http://[fd00::1]/x',
    'http://224.0.0.1/x',
    'http://[::ffff:127.0.0.1]/x',
    'http://[::ffff:169.254.169.254]/x',
    'http://2130706433/x',
    'http://0x7f.1/x',
    'http://0177.0.0.1/x',
    'http://localhost/x',
  ])('refuses %s', async (url) => {
    await expect(refusedWebhookUrl(url, guarded)).resolves.toBe(NON_PUBLIC_URL_REASON);
  });

  it('accepts a public address, and private ones only with allowPrivateNetworks', async () => {
    await expect(refusedWebhookUrl('https://93.184.216.34/hooks', guarded)).resolves.toBeUndefined();
    await expect(refusedWebhookUrl('http://[2606:4700:4700::1111]/hooks', guarded)).resolves.toBeUndefined();
    await expect(refusedWebhookUrl('http://127.0.0.1:9/x', { ...guarded, allowPrivateNetworks: true })).resolves.toBeUndefined();
  });

  it('accepts only https: in production, whatever the address', async () => {
    const production = { allowPrivateNetworks: false, httpsOnly: true };
    await expect(refusedWebhookUrl('http://93.184.216.34/hooks', production)).resolves.toBe('url must be an https URL');
    await expect(refusedWebhookUrl('https://93.184.216.34/hooks', production)).resolves.toBeUndefined();
    await expect(refusedWebhookUrl('https://127.0.0.1/hooks', production)).resolves.toBe(NON_PUBLIC_URL_REASON);
  });

  it('refuses what is not an http(s) URL, and a name that does not resolve', async () => {
    await expect(refusedWebhookUrl('not a url', guarded)).resolves.toBe('url must be an http(s) URL');
    await expect(refusedWebhookUrl('ftp://93.184.216.34/x', guarded)).resolves.toBe('url must be an http(s) URL');
    await expect(refusedWebhookUrl('http://no-such-host.invalid/x', guarded)).resolves.toBe("url's host name must resolve");
  });
});

describe('publicOnlyLookup', () => {
  const lookup = (hostname: string, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      publicOnlyLookup(hostname, { all }, (error, address) => resolve({ error, address })),
    );

  it('refuses a name that resolves to loopback, whether one address or all are asked for', async () => {
    for (const all of [false, true]) {
      const { error } = await lookup('localhost', all);
      expect(error).toBeInstanceOf(NonPublicAddressError);
      expect(error?.message).toBe(
        'refused: the host is or resolves to a loopback, private, link-local or other non-public address; not connected',
      );
    }
  });

  it('passes a public address through, in the form asked for', async () => {
    await expect(lookup('93.184.216.34', false)).resolves.toEqual({ error: null, address: '93.184.216.34' });
    await expect(lookup('93.184.216.34', true)).resolves.toEqual({ error: null, address: [{ address: '93.184.216.34', family: 4 }] });
  });
});

describe('WEBHOOK_ALLOW_PRIVATE_NETWORKS', () => {
  const base = {
    DATABASE_URL: 'postgres://u@h:5432/postgres',
    KAFKA_BROKERS: 'k:9092',
    OIDC_ISSUER: 'https://id.example.test/realms/jaring',
  };

  it('is off by default and may be turned on outside production', () => {
    expect(loadConfig(SubsidiesConfig, base).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(false);
    expect(
      loadConfig(SubsidiesConfig, { ...base, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', NODE_ENV: 'test' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    ).toBe(true);
  });

  it('is refused in production, and must be a boolean', () => {
    expect(() => loadConfig(SubsidiesConfig, { ...base, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', NODE_ENV: 'production' })).toThrow(
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS must not be true when NODE_ENV is production',
    );
    expect(() => loadConfig(SubsidiesConfig, { ...base, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'maybe' })).toThrow(
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false',
    );
  });
});
