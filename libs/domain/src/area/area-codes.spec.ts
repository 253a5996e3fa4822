import { DomainError } from '../errors';
import { AreaCodes } from './area-codes';
import { officialAreaCodes } from './official-area-codes';

describe('AreaCodes', () => {
  it('reads the idn-area-data CSV files: codes without dots, names, quoted names', () => {
    const areas = AreaCodes.fromCsv({
      provinces: 'code,name\n53,Nusa Tenggara Timur\n35,Jawa Timur\n',
      regencies: 'code,province_code,name\r\n53.71,53,Kota Kupang\r\n35.29,35,Kabupaten Sumenep\r\n',
      districts: '\uFEFFcode,regency_code,name\n53.71.01,53.71,Alak\n35.29.22,35.29,"Ra""as"\n\n',
    });
    expect(areas.hasProvince('53')).toBe(true);
    expect(areas.hasRegency('5371')).toBe(true);
    expect(areas.hasRegency('53.71')).toBe(false);
    expect(areas.regencyName('5371')).toBe('Kota Kupang');
    expect(areas.hasDistrict('537101')).toBe(true);
    expect(areas.hasDistrict('352922')).toBe(true);
    expect(areas.districtsOf('3529')).toEqual(['352922']);
    expect(areas.regenciesOf('53')).toEqual(['5371']);
  });

  it('refuses a file that is not the expected list', () => {
    expect(() =>
      AreaCodes.fromCsv({ provinces: 'id,name\n53,NTT', regencies: 'code,x\n53.71,53', districts: 'code,x\n53.71.01,53.71' }),
    ).toThrow(DomainError);
    expect(() =>
      AreaCodes.fromCsv({ provinces: 'code,name\n5x,NTT', regencies: 'code,x\n53.71,53', districts: 'code,x\n53.71.01,53.71' }),
    ).toThrow(/not 2 digits/);
  });

  describe('the official list (idn-area-data)', () => {
    const areas = officialAreaCodes();

    it('has the 38 provinces, 514 regencies and cities of Indonesia, and is read once', () => {
      expect(areas.counts.provinces).toBe(38);
      expect(areas.counts.regencies).toBe(514);
      expect(areas.counts.districts).toBeGreaterThan(7000);
      expect(officialAreaCodes()).toBe(areas);
    });

    it('knows NTT (53) with its 21 regencies and Kota Kupang (5371), by the Kemendagri numbering', () => {
      expect(areas.hasProvince('53')).toBe(true);
      expect(areas.regencyName('5371')).toBe('Kota Kupang');
      expect(areas.regencyName('5301')).toBe('Kabupaten Kupang');
      expect(areas.regenciesOf('53')).toHaveLength(22);
      expect(areas.hasRegency('5322')).toBe(false);
      expect(areas.hasRegency('5300')).toBe(false);
      expect(areas.hasDistrict('537101')).toBe(true);
      expect(areas.hasDistrict('537199')).toBe(false);
      expect(areas.districtsOf('5371').length).toBeGreaterThan(0);
    });
  });
});
