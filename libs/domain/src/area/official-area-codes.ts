import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AreaCodes } from './area-codes';

let official: AreaCodes | undefined;

/**
 * The area codes shipped by the `idn-area-data` package (Kemendagri, the codes the NIK carries), read
 * once, on first use, from the package's own CSV files. The package is an ES module with an asynchronous
 * API; its data files are plain CSV, so reading them synchronously keeps validation synchronous and the
 * domain free of start-up ceremony. This is the one place the domain reads a file: a data table that
 * ships with a dependency, like a JSON import, never a database or the network.
 */
export function officialAreaCodes(): AreaCodes {
  if (!official) {
    const dataDir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');
    const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');
    official = AreaCodes.fromCsv({ provinces: read('provinces.csv'), regencies: read('regencies.csv'), districts: read('districts.csv') });
  }
  return official;
}
