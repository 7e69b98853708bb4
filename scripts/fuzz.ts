import '../subgraphs/kit/runtime/no-telemetry.ts';
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { createOperationGuard, operationOf } from '../subgraphs/kit/limits/operation-guard.ts';
import { DEFAULT_LIMITS_BY_CALLER_KIND } from '../subgraphs/kit/limits/operation-limits.ts';
import { DEFAULT_SUPERGRAPH_PATH } from '../gateway/config.ts';
import { generateFuzzRequests } from './lib/fuzz.ts';
import { sendFuzz, summarise } from './lib/fuzz-run.ts';

// npm run fuzz [-- --url http://127.0.0.1:4000 --count 10000 --seed 1]: sends generated malformed and
// hostile requests to a running gateway (npm start) over loopback, prints a table per kind of request
// and exits 1 on any 5xx, connection failure or leak (stack trace, SQL, file path, internal URL).
// It also measures, in this process, the CPU the gateway's operation guard spends refusing the largest
// alias bomb that fits under the 1 MiB body limit.

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const url = new URL(option('url', `http://127.0.0.1:${process.env.GATEWAY_PORT || 4000}`));
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  console.error('npm run fuzz sends only to loopback: give --url http://127.0.0.1:<port>');
  process.exit(2);
}
const count = Math.min(Number(option('count', '10000')), 100_000);
const seed = Number(option('seed', '20261202'));

function refusalCpu(size: number): { bytes: number; cpuMs: number } {
  const schema = buildSchema(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8'), { assumeValidSDL: true });
  const guard = createOperationGuard(DEFAULT_LIMITS_BY_CALLER_KIND, () => schema);
  const field = 'entities(usccs: $codes) { name }';
  const aliases = Array.from({ length: Math.floor((size - 4096) / `a00000: ${field} `.length) }, (_, i) => `a${i}: ${field}`).join(' ');
  const body = JSON.stringify({ query: `query($codes: [USCC!]!) { ${aliases} }`, variables: { codes: Array(100).fill('91350100M000100Y43') } });
  const runs = 20;
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    try {
      guard.check(operationOf({ method: 'POST' } as never, JSON.parse(body)), 'ANONYMOUS');
    } catch {
      // refused, as it must be
    }
  }
  const used = process.cpuUsage(before);
  return { bytes: body.length, cpuMs: (used.user + used.system) / 1000 / runs };
}

for (const size of [119 * 1024, 1024 * 1024 - 4096]) {
  const { bytes, cpuMs } = refusalCpu(size);
  console.log(`refusing a ${(bytes / 1024).toFixed(0)} kB alias bomb: ${cpuMs.toFixed(2)} ms of CPU in the operation guard (JSON.parse included), mean of 20`);
}
const health = await fetch(new URL('/graphql', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).catch(() => null);
if (!health?.ok) {
  console.error(`No gateway answers at ${url.origin}; start one with npm start (or give --url)`);
  process.exit(2);
}
const started = Date.now();
const outcomes = await sendFuzz(url.origin, generateFuzzRequests(count, seed));
const seconds = (Date.now() - started) / 1000;
const table = summarise(outcomes);
console.table(table);
const bad = outcomes.filter((o) => o.status >= 500 || o.status === 0 || o.leaks.length > 0);
const stillUp = await fetch(new URL('/graphql', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then((r) => r.ok, () => false);
console.log(`${count} requests in ${seconds.toFixed(1)} s (seed ${seed}): ${bad.length} bad (5xx, connection failures or leaks); gateway ${stillUp ? 'still answers' : 'DOES NOT ANSWER'}`);
for (const o of bad.slice(0, 5)) console.log(o.kind, o.status, o.leaks, o.failure ?? '', o.sample ?? '');
process.exit(bad.length === 0 && stillUp ? 0 : 1);
