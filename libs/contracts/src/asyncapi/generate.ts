import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EVENT_CATALOG } from '../event-catalog';
import { renderAsyncApiYaml } from './asyncapi-document';

/** `npm run asyncapi`: writes docs/asyncapi.yaml from the declared contracts. */
export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';

export function writeAsyncApi(repoRoot: string, appVersion: string): string {
  const target = join(repoRoot, ASYNCAPI_PATH);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, renderAsyncApiYaml(EVENT_CATALOG, appVersion));
  return target;
}

if (require.main === module) {
  const repoRoot = resolve(process.argv[2] ?? process.cwd());
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  process.stdout.write(`wrote ${writeAsyncApi(repoRoot, version)}\n`);
}
