import { randomBytes } from 'node:crypto';
import { EventSealer } from './event-sealer';

describe('EventSealer', () => {
  const sealer = new EventSealer(randomBytes(32));

  it('seals a birth date into a string that shows nothing of it, and opens it again for the same person', () => {
    const sealed = sealer.sealBirthDate('worker-1', '1990-07-25');
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('1990');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('1990-07-25');
    expect(sealer.openBirthDate('worker-1', sealed)).toBe('1990-07-25');
  });

  it('seals the same date differently each time (a random IV): equal dates cannot be matched across events', () => {
    expect(sealer.sealBirthDate('worker-1', '1990-07-25')).not.toBe(sealer.sealBirthDate('worker-1', '1990-07-25'));
  });

  it('refuses a sealed date moved onto another person, or opened with another key', () => {
    const sealed = sealer.sealBirthDate('worker-1', '1990-07-25');
    expect(() => sealer.openBirthDate('worker-2', sealed)).toThrow();
    expect(() => new EventSealer(randomBytes(32)).openBirthDate('worker-1', sealed)).toThrow();
  });
});
