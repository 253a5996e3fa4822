import { DomainError } from './errors';

/**
 * Jaring's own occupation list (docs/rules.md, Occupations; the regulation has none for this purpose). The
 * sector matters because it decides which PP 50/2025 discount window applies: transport workers have a
 * longer one. Kept as data so that adding an occupation is a new row, not new logic.
 */
export const OCCUPATION_SECTORS = ['transport', 'creative', 'trade', 'primary', 'services', 'other'] as const;
export type OccupationSector = (typeof OCCUPATION_SECTORS)[number];

export interface Occupation {
  readonly code: string;
  readonly description: string;
  readonly sector: OccupationSector;
}

export const OCCUPATIONS = Object.freeze([
  { code: 'OJEK_DRIVER', description: 'motorcycle taxi, online or street', sector: 'transport' },
  { code: 'ONLINE_DRIVER', description: 'car driver on a platform', sector: 'transport' },
  { code: 'COURIER', description: 'parcel and food couriers', sector: 'transport' },
  { code: 'MAKEUP_ARTIST', description: 'make-up artists', sector: 'creative' },
  { code: 'WEAVER', description: 'ikat weavers and other craft workers', sector: 'creative' },
  { code: 'CREATIVE_WORKER', description: 'musicians, photographers, designers, content makers', sector: 'creative' },
  { code: 'MARKET_TRADER', description: 'market traders and street vendors', sector: 'trade' },
  { code: 'FISHERMAN', description: 'fishers', sector: 'primary' },
  { code: 'FARMER', description: 'farmers and farm labourers', sector: 'primary' },
  { code: 'DOMESTIC_WORKER', description: 'household workers', sector: 'services' },
  { code: 'OTHER', description: 'anything else', sector: 'other' },
] as const satisfies readonly Occupation[]);

export type OccupationCode = (typeof OCCUPATIONS)[number]['code'];

export const OCCUPATION_CODES: readonly OccupationCode[] = Object.freeze(OCCUPATIONS.map((o) => o.code));

const BY_CODE: ReadonlyMap<string, Occupation> = new Map(OCCUPATIONS.map((o) => [o.code, o]));

export function isOccupationCode(value: unknown): value is OccupationCode {
  return typeof value === 'string' && BY_CODE.has(value);
}

/** Throws OCCUPATION_UNKNOWN for anything not in the table (codes are case-sensitive API values). */
export function parseOccupationCode(value: unknown, field = 'occupation'): OccupationCode {
  if (!isOccupationCode(value)) {
    throw new DomainError(
      'OCCUPATION_UNKNOWN',
      `unknown occupation ${JSON.stringify(value) ?? String(value)}; expected one of ${OCCUPATION_CODES.join(', ')}`,
      field,
    );
  }
  return value;
}

export function occupationOf(code: OccupationCode): Occupation {
  const occupation = BY_CODE.get(code);
  if (!occupation) throw new DomainError('OCCUPATION_UNKNOWN', `unknown occupation ${String(code)}`, 'occupation');
  return occupation;
}

export function occupationSector(code: OccupationCode): OccupationSector {
  return occupationOf(code).sector;
}

/** Derived from the sector, never listed separately, so the two cannot disagree. */
export function isTransportOccupation(code: OccupationCode): boolean {
  return occupationSector(code) === 'transport';
}
