import { DomainError } from './errors';

const REGION_CODE = /^\d{4}$/;

/**
 * A regency or city (kabupaten/kota) by its Kemendagri code, written as four digits in the API: `5371`
 * is Kota Kupang (province `53`, Nusa Tenggara Timur, regency `71`); the official form `53.71` is refused
 * so the same place never arrives spelt two ways. These are the codes the NIK carries; the statistics
 * office (BPS) numbers NTT's regencies differently, so a BPS code may parse here yet name another place.
 *
 * Only the structure is checked (four digits, neither half `00`); whether the code exists is looked up
 * in the official area list elsewhere.
 */
export class RegionCode {
  private constructor(readonly value: string) {
    Object.freeze(this);
  }

  static parse(value: unknown, field = 'regionCode'): RegionCode {
    if (typeof value !== 'string' || !REGION_CODE.test(value)) {
      throw new DomainError('REGION_CODE_FORMAT', 'a region code is 4 digits, e.g. 5371', field);
    }
    if (value.startsWith('00') || value.endsWith('00')) {
      throw new DomainError('REGION_CODE_FORMAT', `${value}: neither the province nor the regency part can be 00`, field);
    }
    return new RegionCode(value);
  }

  static isValid(value: unknown): boolean {
    try {
      RegionCode.parse(value);
      return true;
    } catch {
      return false;
    }
  }

  /** The two-digit province code, `53` for `5371`. */
  get provinceCode(): string {
    return this.value.slice(0, 2);
  }

  equals(other: RegionCode): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}
