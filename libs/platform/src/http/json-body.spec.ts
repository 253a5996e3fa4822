import { prototypeKeyPaths } from './json-body';

describe('prototypeKeyPaths', () => {
  it('names every __proto__, constructor and prototype key, at any depth, arrays included', () => {
    const body: unknown = JSON.parse(
      '{"__proto__":{"a":1},"heirs":[{"nik":"1"},{"constructor":{}}],"x":{"y":[[{"prototype":null}]]},"ok":"__proto__"}',
    );
    expect(prototypeKeyPaths(body).sort()).toEqual(['__proto__', 'heirs.1.constructor', 'x.y.0.0.prototype']);
  });

  it('finds none in ordinary bodies and values', () => {
    expect(prototypeKeyPaths({ constructorName: 'x', proto: 1, list: ['__proto__', 'prototype'], nested: { a: null } })).toEqual([]);
    expect(prototypeKeyPaths('__proto__')).toEqual([]);
    expect(prototypeKeyPaths(null)).toEqual([]);
  });

  it('copes with a deeply nested body without overflowing the stack', () => {
    const depth = 200_000;
    const body: unknown = JSON.parse(`${'{"a":'.repeat(depth)}{"__proto__":1}${'}'.repeat(depth)}`);
    expect(prototypeKeyPaths(body)).toHaveLength(1);
  });

  it('reports at most 20 paths', () => {
    const body: unknown = JSON.parse(`[${Array(50).fill('{"__proto__":1}').join(',')}]`);
    expect(prototypeKeyPaths(body)).toHaveLength(20);
  });
});
