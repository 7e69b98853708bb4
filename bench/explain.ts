import '../subgraphs/kit/runtime/no-telemetry.ts';
import { demoSubject } from '../subgraphs/kit/demo/index.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { ensureLocalMysql } from '../scripts/lib/local-mysql.ts';
import { sizeLabel } from './lib/data.ts';
import { explainLoaders } from './lib/explain.ts';

// `npx tsx bench/explain.ts [--entities 1000000] [--prefix bench]`: EXPLAIN of every loader's statement
// (and of the name search) on a benchmark data set `npm run bench` has loaded: each should be an index
// look-up (ref, range, eq_ref), never a scan, so that lookups cost the same at any size.

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const entities = Number(arg('entities', '1000000'));
const prefix = `${arg('prefix', 'bench')}_${sizeLabel(entities)}`;
const local = await ensureLocalMysql();
const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `${local.url}/${prefix}_${s.name}`]));
const usccs = [0, 1, 25, Math.floor(entities / 2), entities - 1].map((i) => demoSubject(i).uscc);
const rows = await explainLoaders(SUBGRAPHS, urls, usccs, '丹东');
console.log(`EXPLAIN on ${prefix}_* (${entities} entities), a batch of ${usccs.length} entities:\n`);
console.log('| subgraph | loader | table | access | key | rows (estimate) | rows read | extra | index-bound |\n|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.subgraph} | ${r.loader} | ${r.table} | ${r.type} | ${r.key ?? '—'} | ${r.rows} | ${r.actualRows ?? '—'} | ${r.extra} | ${r.indexBound ? 'yes' : '**no**'} |`);
}
const scans = rows.filter((r) => !r.indexBound);
console.log(scans.length === 0 ? '\nEvery statement is an index look-up.' : `\n${scans.length} statement(s) scan: ${scans.map((s) => `${s.subgraph}.${s.loader}`).join(', ')}`);
process.exit(scans.length === 0 ? 0 : 1);
