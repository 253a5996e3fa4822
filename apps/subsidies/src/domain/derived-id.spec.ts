import { derivedId } from './derived-id';

describe('derived ids', () => {
  it('are the same for the same parts, so doing a thing twice writes the same id', () => {
    expect(derivedId('authorisation', 'a', '2026-07')).toBe(derivedId('authorisation', 'a', '2026-07'));
  });

  it('differ when a part differs or the parts are split differently', () => {
    expect(derivedId('authorisation', 'a', '2026-07')).not.toBe(derivedId('authorisation', 'a', '2026-08'));
    expect(derivedId('ab', 'c')).not.toBe(derivedId('a', 'bc'));
  });

  it('are shaped as version-8 UUIDs with the RFC 9562 variant', () => {
    const id = derivedId('surplus', '0b7e9f7e-3d51-4a6b-9b1e-2a3c4d5e6f70');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keep the value they have always had (ids already written must be derived again alike)', () => {
    expect(derivedId('authorisation', 'x', '2026-07')).toBe('0cae50db-2c7b-8ee9-aed1-83b50278d6b2');
  });
});
