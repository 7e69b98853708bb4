import { describe, expect, it } from 'vitest';
import { DEMO_COUNTIES, regionName, regionNames, regionPrefix } from '../../subgraphs/kit/identifiers/regions.ts';

describe('regionName', () => {
  it('names a county with its province and city', () => {
    expect(regionName('210603')).toBe('辽宁省丹东市振兴区');
    expect(regionName('520203')).toBe('贵州省六盘水市六枝特区');
    expect(regionName('410926')).toBe('河南省濮阳市范县');
  });

  it('names a city and a province', () => {
    expect(regionName('210600')).toBe('辽宁省丹东市');
    expect(regionName('210000')).toBe('辽宁省');
  });

  it("names the standard's example region", () => {
    expect(regionName('350100')).toBe('福建省福州市');
  });

  it('falls back to the city for an unknown county under a known city', () => {
    expect(regionName('210603')).toBe('辽宁省丹东市振兴区');
    expect(regionName('210699')).toBe('辽宁省丹东市');
  });

  it('returns null for an unknown province or malformed code', () => {
    expect(regionName('990101')).toBeNull();
    expect(regionName('21060')).toBeNull();
    expect(regionName('21A603')).toBeNull();
  });

  it('gives each level separately', () => {
    expect(regionNames('220581')).toEqual({ province: '吉林省', city: '通化市', county: '梅河口市' });
    expect(regionNames('220500')).toEqual({ province: '吉林省', city: '通化市', county: null });
  });
});

describe('DEMO_COUNTIES', () => {
  it('lists the 23 demo counties, all named, without Fuzhou', () => {
    expect(DEMO_COUNTIES).toHaveLength(23);
    expect(new Set(DEMO_COUNTIES).size).toBe(23);
    for (const code of DEMO_COUNTIES) {
      expect(code).toMatch(/^(2106|4109|2205|5202)\d\d$/);
      expect(regionNames(code).county, code).not.toBeNull();
    }
  });
});

describe('regionPrefix', () => {
  it('turns province, city and county codes into prefixes', () => {
    expect(regionPrefix('210000')).toBe('21');
    expect(regionPrefix('210600')).toBe('2106');
    expect(regionPrefix('210603')).toBe('210603');
  });

  it('matches every county inside the region and none outside it', () => {
    const inDandong = DEMO_COUNTIES.filter((code) => code.startsWith(regionPrefix('210600')));
    expect(inDandong).toEqual(['210602', '210603', '210604', '210624', '210681', '210682']);
  });

  it('rejects anything that is not 6 digits', () => {
    expect(() => regionPrefix('2106')).toThrow('Division code 2106 must be 6 digits (GB/T 2260), e.g. 210603');
    expect(() => regionPrefix('21060a')).toThrow(/must be 6 digits/);
    expect(() => regionPrefix('000000')).toThrow(/names no province/);
  });
});
