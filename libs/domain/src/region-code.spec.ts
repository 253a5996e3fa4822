import { errorCode } from '../test/error-code';
import { RegionCode } from './region-code';

describe('RegionCode', () => {
  it('parses Kota Kupang, 5371, in province 53 (NTT)', () => {
    const code = RegionCode.parse('5371');
    expect(code.value).toBe('5371');
    expect(code.provinceCode).toBe('53');
    expect(String(code)).toBe('5371');
    expect(JSON.stringify({ regency: code })).toBe('{"regency":"5371"}');
  });

  it('parses a kabupaten code (5301, Kab. Kupang)', () => {
    expect(RegionCode.parse('5301').provinceCode).toBe('53');
  });

  it('refuses anything but four digits, including the dotted official form', () => {
    for (const bad of ['53.71', '537', '53710', '537101', 'ab71', ' 5371', '']) {
      expect(errorCode(() => RegionCode.parse(bad))).toBe('REGION_CODE_FORMAT');
    }
    expect(errorCode(() => RegionCode.parse(5371))).toBe('REGION_CODE_FORMAT');
  });

  it('refuses a 00 province or regency', () => {
    expect(errorCode(() => RegionCode.parse('0071'))).toBe('REGION_CODE_FORMAT');
    expect(errorCode(() => RegionCode.parse('5300'))).toBe('REGION_CODE_FORMAT');
  });

  it('names the field, `regionCode` unless told otherwise', () => {
    expect(() => RegionCode.parse('x')).toThrow(expect.objectContaining({ field: 'regionCode' }));
    expect(() => RegionCode.parse('x', 'regencyCode')).toThrow(expect.objectContaining({ field: 'regencyCode' }));
  });

  it('compares by value', () => {
    expect(RegionCode.parse('5371').equals(RegionCode.parse('5371'))).toBe(true);
    expect(RegionCode.parse('5371').equals(RegionCode.parse('5301'))).toBe(false);
    expect(RegionCode.isValid('5371')).toBe(true);
    expect(RegionCode.isValid('53.71')).toBe(false);
  });
});
