import { loadConfig } from '@jaring/platform';
import { EnrollmentConfig } from './enrollment.config';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  KAFKA_BROKERS: '127.0.0.1:9092',
  OIDC_ISSUER: 'http://127.0.0.1:3005',
  EVENT_SEALING_KEY: Buffer.alloc(32, 3).toString('base64'),
};
const KEY_B64 = Buffer.alloc(32, 7).toString('base64');
const KEY_HEX = Buffer.alloc(32, 9).toString('hex');

describe('EnrollmentConfig', () => {
  it('reads both personal-data keys, hex or base64, and the import limits', () => {
    const config = loadConfig(EnrollmentConfig, { ...base, NIK_ENCRYPTION_KEY: KEY_B64, NIK_HASH_KEY: KEY_HEX, IMPORT_MAX_ROWS: '500' });
    expect(config.nikEncryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(config.nikHashKey).toEqual(Buffer.alloc(32, 9));
    expect(config.IMPORT_MAX_ROWS).toBe(500);
    expect(config.IMPORT_MAX_BYTES).toBe(50 * 1024 * 1024);
  });

  it('refuses to start without the keys, naming them', () => {
    expect(() => loadConfig(EnrollmentConfig, base)).toThrow(/NIK_ENCRYPTION_KEY is required; NIK_HASH_KEY is required/);
  });

  it('refuses a key of the wrong size or spelling, without quoting it', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    expect(() => loadConfig(EnrollmentConfig, { ...base, NIK_ENCRYPTION_KEY: short, NIK_HASH_KEY: KEY_HEX })).toThrow(
      /NIK_ENCRYPTION_KEY must be a key of 32 bytes, written as hex or base64$/,
    );
    expect(() => loadConfig(EnrollmentConfig, { ...base, NIK_ENCRYPTION_KEY: KEY_B64, NIK_HASH_KEY: 'not a key!' })).toThrow(
      /NIK_HASH_KEY must be a key of 32 to 64 bytes/,
    );
    // the refusal never repeats the key it refused: caught here, so that a config that loads fails the test
    const refusal = (() => {
      try {
        loadConfig(EnrollmentConfig, { ...base, NIK_ENCRYPTION_KEY: short, NIK_HASH_KEY: KEY_HEX });
        return undefined;
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal?.message).toMatch(/NIK_ENCRYPTION_KEY/);
    expect(refusal?.message).not.toContain(short);
  });

  it('refuses the same key for encryption and hashing', () => {
    expect(() =>
      loadConfig(EnrollmentConfig, { ...base, NIK_ENCRYPTION_KEY: KEY_B64, NIK_HASH_KEY: Buffer.alloc(32, 7).toString('hex') }),
    ).toThrow(/NIK_HASH_KEY must differ from NIK_ENCRYPTION_KEY/);
  });
});
