import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The layering docs/design.md asks for, checked on every import: domain rules stay free of frameworks and I/O,
 * services never import each other, and the libraries depend on each other in one direction only
 * (domain <- contracts <- messaging <- platform).
 */
const REPO = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

function violations(dir: string, forbidden: (specifier: string, file: string) => boolean): string[] {
  return sourceFiles(join(REPO, dir)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => forbidden(specifier, file))
      .map((specifier) => `${relative(REPO, file)} imports ${specifier}`),
  );
}

const APPS = readdirSync(join(REPO, 'apps'));

describe('architecture', () => {
  it('keeps libs/domain pure: no Nest, TypeORM, Kafka, database or other libs', () => {
    expect(violations('libs/domain/src', (s) => /^(@nestjs\/|typeorm|kafkajs|pg$|@jaring\/)/.test(s))).toEqual([]);
  });

  it('keeps libs/contracts free of transport and persistence', () => {
    expect(violations('libs/contracts/src', (s) => /^(@nestjs\/|typeorm|kafkajs|pg$|@jaring\/(messaging|platform))/.test(s))).toEqual([]);
  });

  it('keeps libs/messaging below libs/platform', () => {
    expect(violations('libs/messaging/src', (s) => s.startsWith('@jaring/platform'))).toEqual([]);
  });

  it('never lets a library import a service', () => {
    expect(violations('libs', (s) => /(^|\/)apps\//.test(s))).toEqual([]);
  });

  it.each(APPS)('keeps %s from importing another service', (app) => {
    const others = APPS.filter((other) => other !== app);
    expect(
      violations(`apps/${app}`, (s) => others.some((other) => new RegExp(`(^|/)apps/${other}(/|$)|^\\.\\./\\.\\./${other}/`).test(s))),
    ).toEqual([]);
  });
});
