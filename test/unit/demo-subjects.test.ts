import { describe, expect, it } from 'vitest';
import {
  businessScope,
  createRandom,
  demoSubject,
  demoSubjects,
  entityName,
  personIdNumber,
  personName,
  residentIdCheckCharacter,
  streetAddress,
  type DemoSubject,
  type DemoSubjectKind,
} from '../../subgraphs/kit/demo/index.ts';
import { DEMO_COUNTIES, regionName, regionNames } from '../../subgraphs/kit/identifiers/regions.ts';
import { parseUscc, validateUscc } from '../../subgraphs/kit/identifiers/uscc.ts';

describe('createRandom', () => {
  it('gives the same sequence for the same seed on every machine', () => {
    // Pinned: departments generate from these numbers, so a change here desynchronises their demo data.
    const random = createRandom('credit-demo');
    expect(random.next()).toBe(0.003334907116368413);
    expect(random.next()).toBe(0.4975628494285047);
    expect(random.int(1, 6)).toBe(6);
  });

  it('gives a different sequence for a different seed', () => {
    const a = createRandom('tax');
    const b = createRandom('courts');
    expect([a.next(), a.next(), a.next()]).not.toEqual([b.next(), b.next(), b.next()]);
    expect(createRandom(7).next()).toBe(createRandom('7').next());
  });

  it('keeps int and date inside their inclusive bounds', () => {
    const random = createRandom('bounds');
    const ints = new Set<number>();
    for (let i = 0; i < 2_000; i++) ints.add(random.int(3, 5));
    expect([...ints].sort()).toEqual([3, 4, 5]);
    const dates = new Set<string>();
    for (let i = 0; i < 2_000; i++) dates.add(random.date('2024-02-28', '2024-03-01'));
    expect([...dates].sort()).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('rejects impossible arguments', () => {
    const random = createRandom('bad');
    expect(() => random.date('2025-02-30', '2025-03-01')).toThrow(/YYYY-MM-DD/);
    expect(() => random.int(5, 3)).toThrow(/min <= max/);
    expect(() => random.pick([])).toThrow(/at least one/);
  });
});

describe('demoSubject', () => {
  it('is deterministic: the same index gives the same subject', () => {
    expect(demoSubject(42)).toEqual(demoSubject(42));
    expect(demoSubject(0)).toEqual({
      index: 0,
      uscc: '91220582914376944R',
      authority: '9',
      entityTypeCode: '1',
      kind: 'ENTERPRISE',
      divisionCode: '220582',
      establishedOn: '2007-02-22',
      risk: 'CLEAN',
    });
  });

  it('differs for a different seed', () => {
    expect(demoSubject(42, 'another-demo')).not.toEqual(demoSubject(42));
    expect(demoSubject(42, 'another-demo').uscc).not.toBe(demoSubject(42).uscc);
  });

  it('gives 10,000 valid, unique codes whose parts agree with the subject', () => {
    const codes = new Set<string>();
    for (const subject of demoSubjects(10_000)) {
      expect(validateUscc(subject.uscc)).toBeNull();
      const parts = parseUscc(subject.uscc);
      expect(parts.registeringAuthority).toBe(subject.authority);
      expect(parts.entityTypeCode).toBe(subject.entityTypeCode);
      expect(parts.divisionCode).toBe(subject.divisionCode);
      codes.add(subject.uscc);
    }
    expect(codes.size).toBe(10_000);
  });

  it('gives distinct codes far into the index range', () => {
    const codes = new Set<string>();
    // 2,000 indices spread over 0 … 9,995,000 and the 2,000 just below 10,000,000: 4,000 different indices.
    for (let i = 0; i < 2_000; i++) codes.add(demoSubject(i * 4_999).uscc).add(demoSubject(9_998_000 + i).uscc);
    expect(codes.size).toBe(4_000);
  });

  it('rejects an index it cannot make unique', () => {
    expect(() => demoSubject(-1)).toThrow(RangeError);
    expect(() => demoSubject(1.5)).toThrow(RangeError);
    expect(() => demoSubject(100_000_000)).toThrow(RangeError);
  });

  it('gives post-2015 registrations an MA/MJ/MB organisation body and older ones 8 digits', () => {
    for (const subject of demoSubjects(5_000)) {
      const body = subject.uscc.slice(8, 16);
      if (subject.establishedOn >= '2015-10-01') expect(body, subject.uscc).toMatch(/^M[AJB]/);
      else expect(body, subject.uscc).toMatch(/^\d{8}$/);
    }
  });

  describe('over 20,000 subjects', () => {
    const subjects = [...demoSubjects(20_000)];
    const share = (test: (s: DemoSubject) => boolean) => subjects.filter(test).length / subjects.length;

    it.each<[DemoSubjectKind, string, string, number, number]>([
      ['ENTERPRISE', '9', '1', 0.82, 0.88],
      ['INDIVIDUAL_BUSINESS', '9', '2', 0.065, 0.095],
      ['FARMER_COOPERATIVE', '9', '3', 0.02, 0.04],
      ['SOCIAL_ORGANISATION', '5', '1', 0.012, 0.028],
      ['PUBLIC_INSTITUTION', '1', '2', 0.005, 0.016],
      ['GOVERNMENT_BODY', '1', '1', 0.005, 0.016],
    ])('%s (%s/%s) is between %d and %d', (kind, authority, type, low, high) => {
      const ofKind = subjects.filter((s) => s.kind === kind);
      expect(ofKind.length / subjects.length).toBeGreaterThan(low);
      expect(ofKind.length / subjects.length).toBeLessThan(high);
      expect(ofKind.every((s) => s.authority === authority && s.entityTypeCode === type)).toBe(true);
    });

    it('has risks roughly 78/15/5/2', () => {
      expect(share((s) => s.risk === 'CLEAN')).toBeGreaterThan(0.74);
      expect(share((s) => s.risk === 'CLEAN')).toBeLessThan(0.82);
      expect(share((s) => s.risk === 'PENALISED')).toBeGreaterThan(0.12);
      expect(share((s) => s.risk === 'PENALISED')).toBeLessThan(0.18);
      expect(share((s) => s.risk === 'LISTED')).toBeGreaterThan(0.035);
      expect(share((s) => s.risk === 'LISTED')).toBeLessThan(0.065);
      expect(share((s) => s.risk === 'SERIOUS')).toBeGreaterThan(0.01);
      expect(share((s) => s.risk === 'SERIOUS')).toBeLessThan(0.03);
    });

    it('keeps government bodies and public institutions clean', () => {
      const bodies = subjects.filter((s) => s.authority === '1');
      expect(bodies.length).toBeGreaterThan(100);
      expect(bodies.every((s) => s.risk === 'CLEAN')).toBe(true);
    });

    it('spreads subjects over every demo county and nowhere else', () => {
      const counties = new Set(subjects.map((s) => s.divisionCode));
      expect([...counties].sort()).toEqual([...DEMO_COUNTIES].sort());
    });

    it('establishes them on real days between 1995 and 2025', () => {
      for (const { establishedOn } of subjects) {
        expect(establishedOn >= '1995-01-01' && establishedOn <= '2025-12-31', establishedOn).toBe(true);
        expect(new Date(`${establishedOn}T00:00:00Z`).toISOString().slice(0, 10)).toBe(establishedOn);
      }
    });
  });

  // Speed (about 0.5 s for 1,000,000 subjects) is measured by the benchmark, not asserted here:
  // timed assertions fail on a busy machine without telling anything about the code.
  it('makes a million distinct, valid-length codes', () => {
    let length = 0;
    for (let i = 0; i < 1_000_000; i++) length += demoSubject(i).uscc.length;
    expect(length).toBe(18_000_000);
  });
});

describe('names', () => {
  const byKind = new Map<DemoSubjectKind, DemoSubject>();
  for (const subject of demoSubjects(3_000)) if (!byKind.has(subject.kind)) byKind.set(subject.kind, subject);
  const subjectOf = (kind: DemoSubjectKind) => byKind.get(kind)!;

  it.each<[DemoSubjectKind, RegExp]>([
    ['ENTERPRISE', /(有限公司|有限责任公司)$/],
    ['INDIVIDUAL_BUSINESS', /^.+(区|县|市).+(店|馆|部|处|乐|超市)$/],
    ['FARMER_COOPERATIVE', /(种植|养殖)(农民)?专业合作社$/],
    ['SOCIAL_ORGANISATION', /(协会|商会|总会)$/],
    ['PUBLIC_INSTITUTION', /^.+(市|区|县).+/],
    ['GOVERNMENT_BODY', /(局|人民政府)$/],
  ])('names a %s like a real one', (kind, pattern) => {
    const subject = subjectOf(kind);
    for (let i = 0; i < 50; i++) {
      const name = entityName(subject, createRandom(`${subject.uscc}:${i}`));
      expect(name).toMatch(pattern);
      expect(name).toMatch(/^[\u4e00-\u9fa5]+$/);
    }
  });

  it('is deterministic given the same random source', () => {
    const subject = subjectOf('ENTERPRISE');
    expect(entityName(subject, createRandom('x'))).toBe(entityName(subject, createRandom('x')));
    expect(businessScope(subject, createRandom('x'))).toBe(businessScope(subject, createRandom('x')));
  });

  it('places individual businesses and co-operatives in their county', () => {
    for (const kind of ['INDIVIDUAL_BUSINESS', 'FARMER_COOPERATIVE'] as const) {
      const subject = subjectOf(kind);
      expect(entityName(subject, createRandom(1))).toMatch(new RegExp(`^${regionNames(subject.divisionCode).county}`));
    }
  });

  it('gives every kind a business scope', () => {
    for (const subject of byKind.values()) expect(businessScope(subject, createRandom(2)).length).toBeGreaterThan(10);
    expect(businessScope(subjectOf('ENTERPRISE'), createRandom(3))).toMatch(/凭营业执照依法自主开展经营活动|许可证件为准/);
  });

  it('makes person names of a surname and one or two characters', () => {
    const random = createRandom('people');
    for (let i = 0; i < 500; i++) expect(personName(random)).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
  });

  it('makes addresses inside the region', () => {
    const address = streetAddress('210603', createRandom('address'));
    expect(address.startsWith('辽宁省丹东市振兴区')).toBe(true);
    expect(address).toMatch(/(大街|路|街|大道)\d+号$/);
    expect(address.startsWith(regionName('210603')!)).toBe(true);
  });
});

describe('resident ID numbers', () => {
  // GB 11643 by hand, separate from the code under test.
  const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const independentCheck = (first17: string) =>
    '10X98765432'[[...first17].reduce((sum, digit, i) => sum + Number(digit) * WEIGHTS[i], 0) % 11];

  it('agrees with the well-known example 11010519491231002X', () => {
    expect(independentCheck('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
  });

  it('generates numbers with the division, birth date and a valid check character', () => {
    const random = createRandom('ids');
    for (let i = 0; i < 1_000; i++) {
      const division = random.pick(DEMO_COUNTIES);
      const birth = random.date('1940-01-01', '2005-12-31');
      const id = personIdNumber(division, birth, random);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(id.slice(0, 14)).toBe(division + birth.replaceAll('-', ''));
      expect(id[17]).toBe(independentCheck(id.slice(0, 17)));
    }
  });

  it('rejects a malformed birth date', () => {
    expect(() => personIdNumber('210603', '19720304', createRandom(1))).toThrow(/YYYY-MM-DD/);
  });
});
