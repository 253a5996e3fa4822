import { DomainError } from '../errors';

/** The lists an area index is built from, each code written without dots (`53`, `5371`, `537101`). */
export interface AreaCodeLists {
  provinces: Iterable<string>;
  /** Regency or city codes with their names. */
  regencies: Iterable<readonly [code: string, name: string]>;
  districts: Iterable<string>;
}

/** The CSV texts of `idn-area-data` (provinces.csv, regencies.csv, districts.csv), header row first. */
export interface AreaCsvTexts {
  provinces: string;
  regencies: string;
  districts: string;
}

/**
 * The official Kemendagri area codes (docs/rules.md, Identity): provinces (`53`), regencies and cities
 * (`5371`, written `53.71` officially) and districts (`537101`). A NIK's first six digits must be a
 * district here, and a worker's `regionCode` a regency. Lookups are Set lookups, so checking an 18,000-row
 * import costs nothing measurable. Pure: it is built from lists or CSV text handed to it.
 */
export class AreaCodes {
  private readonly provinces: ReadonlySet<string>;
  private readonly regencies: ReadonlyMap<string, string>;
  private readonly districts: ReadonlySet<string>;

  private constructor(lists: AreaCodeLists) {
    this.provinces = new Set(lists.provinces);
    this.regencies = new Map(lists.regencies);
    this.districts = new Set(lists.districts);
    Object.freeze(this);
  }

  static of(lists: AreaCodeLists): AreaCodes {
    return new AreaCodes(lists);
  }

  /** Reads the first (code) and, for regencies, the third (name) column; codes lose their dots. */
  static fromCsv(texts: AreaCsvTexts): AreaCodes {
    return new AreaCodes({
      provinces: csvRows(texts.provinces, 'provinces').map((row) => plainCode(row[0], 2)),
      regencies: csvRows(texts.regencies, 'regencies').map((row) => [plainCode(row[0], 4), row[2] ?? ''] as const),
      districts: csvRows(texts.districts, 'districts').map((row) => plainCode(row[0], 6)),
    });
  }

  hasProvince(code: string): boolean {
    return this.provinces.has(code);
  }

  /** `5371` (Kota Kupang) yes; `5399` or a BPS-numbered code that does not exist, no. */
  hasRegency(code: string): boolean {
    return this.regencies.has(code);
  }

  /** The first six digits of a NIK: `537101` (Alak, Kota Kupang). */
  hasDistrict(code: string): boolean {
    return this.districts.has(code);
  }

  regencyName(code: string): string | undefined {
    return this.regencies.get(code);
  }

  /** The regencies and cities of a province, in code order. */
  regenciesOf(provinceCode: string): string[] {
    return [...this.regencies.keys()].filter((code) => code.startsWith(provinceCode)).sort();
  }

  /** The districts of a regency or city, in code order. */
  districtsOf(regencyCode: string): string[] {
    return [...this.districts].filter((code) => code.startsWith(regencyCode)).sort();
  }

  get counts(): { provinces: number; regencies: number; districts: number } {
    return { provinces: this.provinces.size, regencies: this.regencies.size, districts: this.districts.size };
  }
}

/**
 * A small CSV reader for these files: comma-separated, names quoted with doubled quotes when they hold a
 * quote or comma (`35.29.22,35.29,"Ra""as"`). The header row is skipped, blank lines ignored.
 */
function csvRows(text: string, what: string): string[][] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  if (lines.length < 2 || !lines[0].startsWith('code,')) {
    throw new DomainError('AREA_DATA_INVALID', `the ${what} list has no "code,..." header or no rows`);
  }
  return lines.slice(1).map(splitCsvLine);
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else {
          value += line[i++];
        }
      }
      fields.push(value);
      i++; // the comma after the closing quote
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return fields;
}

function plainCode(code: string, digits: number): string {
  const plain = code.replace(/\./g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(plain)) {
    throw new DomainError('AREA_DATA_INVALID', `area code ${JSON.stringify(code)} is not ${digits} digits`);
  }
  return plain;
}
