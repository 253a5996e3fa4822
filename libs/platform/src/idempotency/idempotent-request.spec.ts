import { ANONYMOUS_SCOPE, canonicalJson, idempotencyLockId, idempotentRequestOf } from './idempotent-request';

const request = (headers: Record<string, string>, body: unknown = { a: 1 }) => ({
  method: 'POST',
  originalUrl: '/v1/payments?x=1',
  headers,
  body,
});

describe('idempotentRequestOf', () => {
  it('refuses a missing or malformed key with a 400 naming the header', () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'idempotency-key': '' },
      { 'idempotency-key': 'with space' },
      { 'idempotency-key': 'x'.repeat(256) },
    ]) {
      expect(() => idempotentRequestOf(request(headers))).toThrow(
        expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'Idempotency-Key' })] }),
      );
    }
  });

  it('fingerprints method, path and body, whatever the order of the JSON members', () => {
    const a = idempotentRequestOf(request({ 'idempotency-key': 'k1' }, { amount: 1, workerId: 'w' }));
    const b = idempotentRequestOf(request({ 'idempotency-key': 'k1' }, { workerId: 'w', amount: 1 }));
    const c = idempotentRequestOf(request({ 'idempotency-key': 'k1' }, { workerId: 'w', amount: 2 }));
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
    expect(idempotentRequestOf({ ...request({ 'idempotency-key': 'k1' }), method: 'PUT' }).fingerprint).not.toBe(
      idempotentRequestOf(request({ 'idempotency-key': 'k1' })).fingerprint,
    );
  });

  it('scopes keys per caller: the API key hash, else anonymous; never the API key itself', () => {
    expect(idempotentRequestOf(request({ 'idempotency-key': 'k' })).scope).toBe(ANONYMOUS_SCOPE);
    const scoped = idempotentRequestOf(request({ 'idempotency-key': 'k', 'x-api-key': 'secret-key-1' })).scope;
    expect(scoped).toMatch(/^api-key:[0-9a-f]{32}$/);
    expect(scoped).not.toContain('secret');
    expect(idempotentRequestOf(request({ 'idempotency-key': 'k', 'x-api-key': 'secret-key-2' })).scope).not.toBe(scoped);
    expect(idempotentRequestOf(request({ 'idempotency-key': 'k' }), 'funder:42').scope).toBe('funder:42');
  });

  it('gives different keys or scopes different lock ids', () => {
    expect(idempotencyLockId({ scope: 'a', key: 'k' })).not.toBe(idempotencyLockId({ scope: 'b', key: 'k' }));
    expect(idempotencyLockId({ scope: 'a', key: 'k' })).toBe(idempotencyLockId({ scope: 'a', key: 'k' }));
  });

  it('writes canonical JSON', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: undefined, e: true })).toBe('{"b":[1,{"c":"x","d":null}],"e":true}');
  });
});
