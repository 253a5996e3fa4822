import { createHmac, hkdfSync } from 'node:crypto';
import type { EnrollmentConfig } from '../enrollment.config';
import { PersonalDataProtector, sealContext } from './personal-data-protector';

const config = (hashKey: Buffer) =>
  ({ nikEncryptionKey: Buffer.alloc(32, 1), nikHashKey: hashKey, eventSealingKey: Buffer.alloc(32, 3) }) as EnrollmentConfig;

describe('PersonalDataProtector', () => {
  const protector = new PersonalDataProtector(config(Buffer.alloc(32, 2)));
  const person = { nik: '5371012507900001', fullName: 'Yohanes Nahak', phone: '+6281234567890' };

  it('seals with AES-256-GCM and opens again; every sealing differs (random IV)', () => {
    const a = protector.sealJson(person, sealContext.worker('w1'));
    const b = protector.sealJson(person, sealContext.worker('w1'));
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('5371012507900001');
    expect(a.toString('latin1')).not.toContain('Nahak');
    expect(protector.openJson(a, sealContext.worker('w1'))).toEqual(person);
  });

  it('does not open a value moved to another row, or tampered with', () => {
    const sealed = protector.sealJson(person, sealContext.worker('w1'));
    expect(() => protector.open(sealed, sealContext.worker('w2'))).toThrow();
    expect(() => protector.open(sealed, sealContext.heir('w1'))).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => protector.open(tampered, sealContext.worker('w1'))).toThrow();
    expect(() => protector.open(Buffer.from('short'), sealContext.worker('w1'))).toThrow(/not a sealed value/);
  });

  it('hashes the NIK with HMAC-SHA256 and the hash key (the value other services compute with createHmac)', () => {
    for (const key of [Buffer.alloc(32, 2), Buffer.alloc(64, 3), Buffer.alloc(48, 4)]) {
      const hasher = new PersonalDataProtector(config(key));
      for (const nik of ['5371012507900001', '3171014101900002']) {
        expect(hasher.nikHash(nik)).toBe(createHmac('sha256', key).update(nik).digest('hex'));
      }
    }
  });

  it("indexes a name's words by HMAC-SHA256 under a key derived from the encryption key, never the NIK hash key", () => {
    const key = Buffer.from(hkdfSync('sha256', Buffer.alloc(32, 1), Buffer.alloc(0), 'jaring enrollment: worker name word index v1', 32));
    const word = (text: string) => createHmac('sha256', key).update(text).digest();
    expect(protector.nameIndex('Yohanes NÁHAK')).toEqual([word('yohanes'), word('nahak')]);
    // the same name under another hash key (claims holds NIK_HASH_KEY) indexes the same: the hash key plays no part
    expect(new PersonalDataProtector(config(Buffer.alloc(32, 9))).nameIndex('Yohanes Nahak')).toEqual([word('yohanes'), word('nahak')]);
    expect(protector.nameIndex('Yohanes Nahak')[0].equals(createHmac('sha256', Buffer.alloc(32, 2)).update('yohanes').digest())).toBe(
      false,
    );
  });
});
