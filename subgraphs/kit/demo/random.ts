// A seeded generator, so every department's demo data is the same on every machine and every run.
// Math.random cannot be seeded; mulberry32 is small, fast and good enough for picking names and dates.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A day in [from, to], both inclusive, each `YYYY-MM-DD`; returns `YYYY-MM-DD`. */
  date(from: string, to: string): string;
}

/** 32-bit FNV-1a over the UTF-16 code units, then a murmur3 finaliser so similar seeds start far apart. */
export function hashSeed(seed: number | string): number {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** murmur3's fmix32: a bijection on 32-bit integers that spreads every input bit over the output. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Numbers are seeded through their decimal text, so createRandom(7) and createRandom('7') agree. */
export function createRandom(seed: number | string): Random {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`random.int needs integers with min <= max, got ${min}, ${max}`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('random.pick needs at least one item');
      return items[Math.floor(next() * items.length)];
    },
    chance: (p) => next() < p,
    date(from, to) {
      const start = dayNumber(from);
      const end = dayNumber(to);
      if (end < start) throw new RangeError(`random.date needs from <= to, got ${from}, ${to}`);
      return new Date(int(start, end) * DAY_MS).toISOString().slice(0, 10);
    },
  };
}

function dayNumber(isoDate: string): number {
  const ms = ISO_DATE.test(isoDate) ? Date.parse(`${isoDate}T00:00:00Z`) : NaN;
  // Date.parse rolls 2025-02-30 over into March; a round trip catches that.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(isoDate)}`);
  }
  return ms / DAY_MS;
}
