// GB/T 2260 names for the regions the seeds come from, plus Fuzhou for the GB 32100 example code.
// Not the whole standard: an unknown code degrades to the nearest known level above it, or null.

const PROVINCES: Readonly<Record<string, string>> = {
  '21': '辽宁省',
  '22': '吉林省',
  '35': '福建省',
  '41': '河南省',
  '52': '贵州省',
};

const CITIES: Readonly<Record<string, string>> = {
  '2106': '丹东市',
  '2205': '通化市',
  '3501': '福州市',
  '4109': '濮阳市',
  '5202': '六盘水市',
};

const COUNTIES: Readonly<Record<string, string>> = {
  '210602': '元宝区',
  '210603': '振兴区',
  '210604': '振安区',
  '210624': '宽甸满族自治县',
  '210681': '东港市',
  '210682': '凤城市',
  '410902': '华龙区',
  '410922': '清丰县',
  '410923': '南乐县',
  '410926': '范县',
  '410927': '台前县',
  '410928': '濮阳县',
  '220502': '东昌区',
  '220503': '二道江区',
  '220521': '通化县',
  '220523': '辉南县',
  '220524': '柳河县',
  '220581': '梅河口市',
  '220582': '集安市',
  '520201': '钟山区',
  '520203': '六枝特区',
  '520204': '水城区',
  '520281': '盘州市',
};

/** County-level codes the demo data spreads its subjects over (Fuzhou is only there for the standard's example). */
export const DEMO_COUNTIES: readonly string[] = Object.freeze(Object.keys(COUNTIES));

const SIX_DIGITS = /^[0-9]{6}$/;

export interface RegionNames {
  readonly province: string | null;
  readonly city: string | null;
  readonly county: string | null;
}

/** Known names at each level of a division code; levels the code does not reach, or that are unknown, are null. */
export function regionNames(divisionCode: string): RegionNames {
  if (!SIX_DIGITS.test(divisionCode)) return { province: null, city: null, county: null };
  const province = PROVINCES[divisionCode.slice(0, 2)] ?? null;
  const city = divisionCode.slice(2, 4) === '00' ? null : (CITIES[divisionCode.slice(0, 4)] ?? null);
  const county = divisionCode.slice(4) === '00' ? null : (COUNTIES[divisionCode] ?? null);
  return { province, city, county };
}

/**
 * Full name such as 辽宁省丹东市振兴区. A county the table lacks, under a known city, gives the city's name
 * (and an unknown city in a known province the province's), since an address that stops short is still true;
 * an unknown province gives null.
 */
export function regionName(divisionCode: string): string | null {
  const { province, city, county } = regionNames(divisionCode);
  if (province === null) return null;
  if (city === null) return province;
  return province + city + (county ?? '');
}

/**
 * The prefix every division code inside this one starts with, for `LIKE 'prefix%'` searches:
 * 210000 → 21, 210600 → 2106, 210603 → 210603.
 */
export function regionPrefix(code: string): string {
  if (!SIX_DIGITS.test(code)) throw new Error(`Division code ${code} must be 6 digits (GB/T 2260), e.g. 210603`);
  if (code.startsWith('00')) throw new Error(`Division code ${code} names no province`);
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
