import type { CompressionResult } from './compression.ts';

/** One scenario at one data-set size on one variant of the federation. */
export interface ScenarioResult {
  scenario: string;
  title: string;
  entities: number;
  size: string;
  variant: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; roundP50s: number[] };
  errors: { non2xx: number; graphql: number; socket: number; timeouts: number };
  sqlStatementsPerRequest: Record<string, number>;
  authorisationLookupsPerRequest: number;
  accessLogWritesPerRequest: number;
  responseBytes: number;
  innodbDiskReadsPerRequest: number;
  innodbLogicalReadsPerRequest: number;
  peakRssMb: Record<string, number>;
  /** CPU time per request of each process (and of the database server and the load generator). */
  cpuMsPerRequest: Record<string, number>;
}

export interface ScaleRow {
  scenario: string;
  variant: string;
  from: string;
  to: string;
  p50: [number, number];
  p99: [number, number];
  p50Ratio: number;
  p99Ratio: number;
}

export interface TargetCheck {
  target: string;
  size: string;
  variant: string;
  value: number;
  limit: number;
  met: boolean;
  detail: string;
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
const round2 = (n: number) => Number(n.toFixed(2));
const SUBGRAPH_NAMES = ['market', 'tax', 'courts', 'environment', 'platform'];
const DEPARTMENTS = ['market', 'tax', 'courts', 'environment'];
/** CPU per request of the four departments together: what part 3 of the performance work cuts. */
export const departmentsCpu = (r: ScenarioResult) => DEPARTMENTS.reduce((sum, n) => sum + (r.cpuMsPerRequest[n] ?? 0), 0);
/** CPU per request of every process serving it (gateway, subgraphs, database), the load generator not included. */
export const totalCpu = (r: ScenarioResult) =>
  Object.entries(r.cpuMsPerRequest).reduce((sum, [name, ms]) => (name === 'load generator' ? sum : sum + ms), 0);

/** The comparisons the cost table is read for: the bank beside the public profile, a hot key beside varied keys. */
function costPairs(
  results: ScenarioResult[],
  find: (scenario: string, size: string, variant: string) => ScenarioResult | undefined,
  variants: string[],
  sizes: string[],
): { label: string; size: string; variant: string; a: ScenarioResult; b: ScenarioResult }[] {
  const pairs: [string, string, string][] = [
    ['public → bank, varied keys', 'profile', 'profile-bank'],
    ['public → bank, hot key', 'profile-hot', 'profile-bank-hot'],
    ['public, varied → hot key', 'profile', 'profile-hot'],
    ['bank, varied → hot key', 'profile-bank', 'profile-bank-hot'],
  ];
  const found = [];
  for (const variant of variants) {
    for (const size of sizes) {
      for (const [label, first, second] of pairs) {
        const a = find(first, size, variant);
        const b = find(second, size, variant);
        if (a && b) found.push({ label, size, variant, a, b });
      }
    }
  }
  return found;
}
const errorsOf = (r: ScenarioResult) => r.errors.non2xx + r.errors.graphql + r.errors.socket + r.errors.timeouts;
const short: Record<string, string> = { market: 'm', tax: 't', courts: 'c', environment: 'e', platform: 'p', gateway: 'gw' };
const abbreviate = (name: string) => short[name] ?? name;

/** The printed table (markdown, so docs/performance.md can take it as is), scale ratios and target checks. */
export function formatReport(
  results: ScenarioResult[],
  { connections, compression = [] }: { connections: number; compression?: CompressionResult[] },
): { text: string; scale: ScaleRow[]; targets: TargetCheck[] } {
  const variants = [...new Set(results.map((r) => r.variant))];
  const sizes = [...new Set(results.map((r) => r.size))];
  const byEntities = [...new Set(results.map((r) => r.entities))].sort((a, b) => a - b);
  const sizeOf = (entities: number) => results.find((r) => r.entities === entities)!.size;
  const find = (scenario: string, size: string, variant: string) => results.find((r) => r.scenario === scenario && r.size === size && r.variant === variant);

  const lines: string[] = [];
  const withVariant = variants.length > 1;
  lines.push(
    `| scenario | entities |${withVariant ? ' variant |' : ''} req/s | p50 ms | p95 ms | p99 ms | errors | SQL per request (m t c e p) | InnoDB disk reads / req | peak RSS MB (gw m t c e p) |`,
    `|---|---|${withVariant ? '---|' : ''}---|---|---|---|---|---|---|---|`,
  );
  for (const r of results) {
    const sql = ['market', 'tax', 'courts', 'environment', 'platform'].map((n) => r.sqlStatementsPerRequest[n] ?? '-').join(' ');
    const extra = [r.authorisationLookupsPerRequest ? `+${r.authorisationLookupsPerRequest} grant look-ups` : '', r.accessLogWritesPerRequest ? `+${r.accessLogWritesPerRequest} log writes` : '']
      .filter(Boolean)
      .join(', ');
    const rss = ['gateway', 'market', 'tax', 'courts', 'environment', 'platform'].map((n) => r.peakRssMb[n] ?? '-').join(' ');
    lines.push(
      `| ${r.scenario} | ${r.size} |${withVariant ? ` ${r.variant} |` : ''} ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${errorsOf(r)} | ${sql}${extra ? ` (${extra})` : ''} | ${r.innodbDiskReadsPerRequest} | ${rss} |`,
    );
  }

  const scale: ScaleRow[] = [];
  if (byEntities.length > 1) {
    const [from, to] = [sizeOf(byEntities[0]), sizeOf(byEntities.at(-1)!)];
    for (const variant of variants) {
      for (const scenario of [...new Set(results.map((r) => r.scenario))]) {
        const a = find(scenario, from, variant);
        const b = find(scenario, to, variant);
        if (!a || !b) continue;
        scale.push({
          scenario,
          variant,
          from,
          to,
          p50: [a.latencyMs.p50, b.latencyMs.p50],
          p99: [a.latencyMs.p99, b.latencyMs.p99],
          p50Ratio: ratio(b.latencyMs.p50, a.latencyMs.p50),
          p99Ratio: ratio(b.latencyMs.p99, a.latencyMs.p99),
        });
      }
    }
    lines.push('', `Scale, ${from} → ${to} entities:`, '', `| scenario |${withVariant ? ' variant |' : ''} p50 ms | p99 ms | p50 ratio | p99 ratio |`, `|---|${withVariant ? '---|' : ''}---|---|---|---|`);
    for (const s of scale) {
      lines.push(`| ${s.scenario} |${withVariant ? ` ${s.variant} |` : ''} ${s.p50[0]} → ${s.p50[1]} | ${s.p99[0]} → ${s.p99[1]} | ${s.p50Ratio}× | ${s.p99Ratio}× |`);
    }
  }

  const targets: TargetCheck[] = [];
  for (const variant of variants) {
    for (const size of sizes) {
      const viaGateway = find('market-gateway', size, variant);
      const direct = find('market-direct', size, variant);
      if (viaGateway && direct) {
        const value = ratio(viaGateway.latencyMs.p50, direct.latencyMs.p50);
        targets.push({
          target: 'single-department p50 via gateway ≤ 1.5× direct',
          size,
          variant,
          value,
          limit: 1.5,
          met: value <= 1.5,
          detail: `${viaGateway.latencyMs.p50} ms via gateway vs ${direct.latencyMs.p50} ms direct (+${(viaGateway.latencyMs.p50 - direct.latencyMs.p50).toFixed(2)} ms)`,
        });
      }
      const one = find('profile', size, variant);
      const hundred = find('profile-100', size, variant);
      if (one && hundred) {
        const value = ratio(hundred.latencyMs.p50, one.latencyMs.p50);
        targets.push({
          target: '100-entity profile p50 ≤ 10× single-entity p50',
          size,
          variant,
          value,
          limit: 10,
          met: value <= 10,
          detail: `${hundred.latencyMs.p50} ms vs ${one.latencyMs.p50} ms`,
        });
      }
      const gatewayPeak = Math.max(...results.filter((r) => r.size === size && r.variant === variant && r.peakRssMb.gateway).map((r) => r.peakRssMb.gateway));
      if (Number.isFinite(gatewayPeak)) {
        targets.push({ target: 'gateway peak RSS under load < 250 MB', size, variant, value: gatewayPeak, limit: 250, met: gatewayPeak < 250, detail: `${gatewayPeak} MB` });
      }
    }
    for (const s of scale.filter((row) => row.variant === variant && ['profile', 'profile-100'].includes(row.scenario))) {
      targets.push({
        target: `${s.scenario} p99 at ${s.to} ≤ 1.25× p99 at ${s.from}`,
        size: `${s.from}→${s.to}`,
        variant,
        value: s.p99Ratio,
        limit: 1.25,
        met: s.p99Ratio <= 1.25,
        detail: `${s.p99[0]} → ${s.p99[1]} ms`,
      });
    }
  }
  for (const variant of variants) {
    for (const size of sizes) {
      for (const [publicScenario, bankScenario] of [['profile', 'profile-bank'], ['profile-hot', 'profile-bank-hot']]) {
        const open = find(publicScenario, size, variant);
        const bank = find(bankScenario, size, variant);
        if (!open || !bank) continue;
        const value = ratio(bank.latencyMs.p50, open.latencyMs.p50);
        targets.push({
          target: `${bankScenario} p50 ≤ 1.3× ${publicScenario} p50`,
          size,
          variant,
          value,
          limit: 1.3,
          met: value <= 1.3,
          detail: `${bank.latencyMs.p50} vs ${open.latencyMs.p50} ms; CPU ${round2(totalCpu(bank))} vs ${round2(totalCpu(open))} ms per request`,
        });
      }
    }
  }
  if (withVariant) {
    const [first, ...others] = variants;
    for (const variant of others) {
      for (const size of sizes) {
        const base = find('profile', size, first);
        const other = find('profile', size, variant);
        if (!base || !other || departmentsCpu(base) === 0) continue;
        const value = ratio(departmentsCpu(other), departmentsCpu(base));
        targets.push({
          target: `departments' CPU per public profile ≤ 0.7× ${first}'s`,
          size,
          variant,
          value,
          limit: 0.7,
          met: value <= 0.7,
          detail: `${round2(departmentsCpu(other))} vs ${round2(departmentsCpu(base))} ms per request (m + t + c + e)`,
        });
      }
    }
  }
  if (targets.length > 0) {
    lines.push('', `Targets (${connections} connections):`, '', `| target | entities |${withVariant ? ' variant |' : ''} value | limit | met | detail |`, `|---|---|${withVariant ? '---|' : ''}---|---|---|---|`);
    for (const t of targets) lines.push(`| ${t.target} | ${t.size} |${withVariant ? ` ${t.variant} |` : ''} ${t.value} | ${t.limit} | ${t.met ? 'yes' : '**no**'} | ${t.detail} |`);
  }
  lines.push(
    '',
    'CPU ms per request, from the OS (/proc/<pid>/stat): what each request costs each process; departments = m + t + c + e, total = all but the load generator:',
    '',
    `| scenario | entities |${withVariant ? ' variant |' : ''} gateway | m t c e p | departments | database | total | load generator |`,
    `|---|---|${withVariant ? '---|' : ''}---|---|---|---|---|---|`,
  );
  for (const r of results) {
    const c = r.cpuMsPerRequest;
    const subgraphs = SUBGRAPH_NAMES.map((n) => c[n] ?? '-').join(' ');
    lines.push(
      `| ${r.scenario} | ${r.size} |${withVariant ? ` ${r.variant} |` : ''} ${c.gateway ?? '-'} | ${subgraphs} | ${round2(departmentsCpu(r))} | ${c.database ?? '-'} | ${round2(totalCpu(r))} | ${c['load generator'] ?? '-'} |`,
    );
  }
  const pairs = costPairs(results, find, variants, sizes);
  if (pairs.length > 0) {
    lines.push(
      '',
      'Side by side, from the same run (ratio = second ÷ first):',
      '',
      `| comparison | entities |${withVariant ? ' variant |' : ''} req/s | p50 ms | p50 ratio | CPU ms / req (total) | CPU ratio | departments CPU ms / req |`,
      `|---|---|${withVariant ? '---|' : ''}---|---|---|---|---|---|`,
    );
    for (const { label, size, variant, a, b } of pairs) {
      lines.push(
        `| ${label} | ${size} |${withVariant ? ` ${variant} |` : ''} ${a.requestsPerSecond} → ${b.requestsPerSecond} | ${a.latencyMs.p50} → ${b.latencyMs.p50} | ${ratio(b.latencyMs.p50, a.latencyMs.p50)}× | ${round2(totalCpu(a))} → ${round2(totalCpu(b))} | ${ratio(totalCpu(b), totalCpu(a))}× | ${round2(departmentsCpu(a))} → ${round2(departmentsCpu(b))} |`,
      );
    }
  }
  if (withVariant) {
    const [first, ...others] = variants;
    lines.push(
      '',
      `Departments' CPU ms per request (m + t + c + e) against the first variant, ${first}:`,
      '',
      `| scenario | entities | ${others.map((v) => `${first} → ${v}`).join(' | ')} |`,
      `|---|---|${others.map(() => '---|').join('')}`,
    );
    for (const size of sizes) {
      for (const scenario of [...new Set(results.map((r) => r.scenario))]) {
        const base = find(scenario, size, first);
        if (!base) continue;
        const cells = others.map((v) => {
          const other = find(scenario, size, v);
          return other ? `${round2(departmentsCpu(base))} → ${round2(departmentsCpu(other))} (${ratio(departmentsCpu(other), departmentsCpu(base))}×)` : '-';
        });
        lines.push(`| ${scenario} | ${size} | ${cells.join(' | ')} |`);
      }
    }
  }
  if (compression.length > 0) {
    const codecs = compression[0].codecs.map((c) => c.codec);
    lines.push('', 'Compressing a response (bytes after, ratio, CPU ms to compress):', '', `| scenario | bytes | ${codecs.join(' | ')} |`, `|---|---|${codecs.map(() => '---|').join('')}`);
    for (const c of compression) lines.push(`| ${c.scenario} | ${c.bytes} | ${c.codecs.map((x) => `${x.bytes} (${x.ratio}×, ${x.compressMs} ms)`).join(' | ')} |`);
  }
  const legend = `SQL per request: statements each subgraph ran for one request (m market, t tax, c courts, e environment, p platform), median of a few sampled outside the load. ${abbreviate('gateway')} = gateway.`;
  return { text: `${lines.join('\n')}\n\n${legend}`, scale, targets };
}
