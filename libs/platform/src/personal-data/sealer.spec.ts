import { createHmac, randomBytes } from 'node:crypto';
import { NikHasher, Sealer } from './sealer';
import { decodeKey } from './keys';

describe('personal data at rest', () => {
  const sealer = new Sealer(randomBytes(32));

  it('seals and opens a value, and never shows it in the sealed bytes', () => {
    const sealed = sealer.seal('5371014101900001', 'worker:1');
    expect(sealed.toString('latin1')).not.toContain('5371014101900001');
    expect(sealer.open(sealed, 'worker:1')).toBe('5371014101900001');
  });

  it('refuses a value moved to another row, tampered with, or sealed under another key', () => {
    const sealed = sealer.sealJson({ nik: '5371014101900001' }, 'worker:1');
    expect(() => sealer.openJson(sealed, 'worker:2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => sealer.openJson(tampered, 'worker:1')).toThrow();
    expect(() => new Sealer(randomBytes(32)).openJson(sealed, 'worker:1')).toThrow();
  });

  it('hashes a NIK exactly as HMAC-SHA256 does, for short and long keys', () => {
    for (const key of [randomBytes(32), randomBytes(80)]) {
      expect(new NikHasher(key).hash('5371014101900001')).toBe(createHmac('sha256', key).update('5371014101900001').digest('hex'));
    }
  });

  it('reads keys written as hex or base64', () => {
    expect(decodeKey('00ff')).toEqual(Buffer.from([0, 255]));
    expect(decodeKey('AP8=')).toEqual(Buffer.from([0, 255]));
    expect(decodeKey('not a key!')).toBeUndefined();
  });
});
