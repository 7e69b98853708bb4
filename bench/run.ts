import '../subgraphs/kit/runtime/no-telemetry.ts';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import mysql from 'mysql2/promise';
import { createRandom, demoSubject } from '../subgraphs/kit/demo/index.ts';
import { generateEd25519KeyPair } from '../subgraphs/kit/identity/keys.ts';
import { createLogger } from '../subgraphs/kit/runtime/logger.ts';
import { DEMO_BANK, DEMO_GRANT_EVERY } from '../subgraphs/platform/db/demo.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { freePort, GATEWAY_NODE_FLAGS, startFederationProcesses, SUBGRAPH_NODE_FLAGS, type RunningFederation } from '../scripts/lib/federation.ts';
import { databasesStartingWith, dropDatabase } from '../scripts/lib/local-mysql.ts';
import { DEFAULT_RESULTS_DIR, prepareBenchData, sizeLabel, type LoadTiming } from './lib/data.ts';
import { driveParallel, driveWithAutocannon, hasGraphQLErrors, measureCpu, percentile, post, sampleRss, type GraphQLRequest, type Measured } from './lib/load.ts';
import { explainLoaders, type ExplainedAccess } from './lib/explain.ts';
import { measureCompression, type CompressionResult } from './lib/compression.ts';
import { describeMachine } from './lib/machine.ts';
import { marketOnlyQuery, profileQueries, SEARCH_QUERY, useSupergraph } from './lib/queries.ts';
import { formatReport, type ScenarioResult } from './lib/report.ts';

// `npm run bench [-- --entities 10000[,1000000] --duration 10 --connections 10 …]` (see docs/performance.md):
// the federation as separate processes on a benchmark data set of each size, driven over loopback by
// autocannon; one table of requests/s, latency percentiles, errors, SQL statements per request per
// subgraph and peak memory per process, written as JSON to bench/results/.

const HELP = `npm run bench -- [options]
  --entities N[,N…]   data set sizes, each its own databases bench_<size>_* (default 10000)
  --duration S        seconds of measured load per scenario and round (default 10)
  --warmup S          seconds of unmeasured load before a scenario's first round (default 3)
  --connections C     concurrent connections (default 10)
  --rounds R          rounds; sizes and variants interleave within each (default 1, 3 with several sizes or variants)
  --scenarios a,b     only these scenarios (default all: ${'profile,profile-hot,profile-bank,profile-bank-hot,profile-100,profile-direct,search,market-gateway,market-direct'})
  --pool N            entities each size rotates over, spread over the whole data set (default 10000)
  --samples N         requests per scenario whose SQL statements are counted (default 3)
  --variant SPEC      a federation to compare: NAME[,root=DIR][,VAR=VALUE…][,gateway.VAR=VALUE…]
                      [,gateway.node=FLAGS][,subgraphs.node=FLAGS]; repeatable (default: shipped, this tree)
  --out DIR           where the JSON goes (default bench/results)
  --name NAME         its file name, NAME.json (default federation-<sizes>[-<variants>])
  --prefix P          database name prefix (default bench: bench_10k_market …)
  --seed S            demo data seed (default credit-demo)
  --buffer-pool-mb N  set the local server's InnoDB buffer pool for this run (restored afterwards)
  --no-prewarm        skip reading every pool entity once before measuring (the database's cache starts cold)
  --reload            drop and load the data sets afresh (after a change to tables or demo generators)
  --drop              drop the data sets afterwards (tests)
  --cpu-prof DIR      write each process's CPU profile under DIR (read them with: npx tsx bench/top-frames.ts DIR)`;

const SCENARIOS = ['profile', 'profile-hot', 'profile-bank', 'profile-bank-hot', 'profile-100', 'profile-direct', 'search', 'market-gateway', 'market-direct'] as const;
type ScenarioId = (typeof SCENARIOS)[number];

const TITLES: Record<ScenarioId, string> = {
  profile: '(a) public profile, 1 entity, 4 departments, anonymous, via gateway',
  'profile-hot': '(a) with every request for one entity (hot key: a listed company in the news)',
  'profile-bank': '(b) same profile + AUTHORISED fields, bank under live authorisation (access log written)',
  'profile-bank-hot': '(b) with every request for one entity (hot key)',
  'profile-100': '(c) public profile of 100 entities in one query, via gateway',
  'profile-direct': '(d) the data of (a) straight from the 4 subgraphs, in parallel (gateway bypassed)',
  search: '(e) name search, 20 per page, via gateway',
  'market-gateway': 'one department (market public fields), via gateway',
  'market-direct': 'one department (market public fields), straight from the market subgraph',
};

interface Variant {
  name: string;
  root?: string;
  env: Record<string, string>;
  /** Variables for the gateway only (`gateway.LOG_LEVEL=…`). */
  gatewayEnv: Record<string, string>;
  /** Node flags in place of the defaults (`gateway.node=--max-old-space-size=192`, `subgraphs.node=`). */
  gatewayNodeFlags?: string[];
  subgraphNodeFlags?: string[];
}

interface Options {
  sizes: number[];
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
  scenarios: ScenarioId[];
  pool: number;
  samples: number;
  variants: Variant[];
  out: string;
  name?: string;
  prefix: string;
  seed: string;
  reload: boolean;
  drop: boolean;
  prewarm: boolean;
  bufferPoolMb?: number;
  cpuProf?: string;
}

function parseOptions(argv: string[]): Options {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${JSON.stringify(arg)}\n${HELP}`);
    const name = arg.slice(2);
    if (['reload', 'drop', 'no-prewarm'].includes(name)) {
      flags.add(name);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value\n${HELP}`);
    values.set(name, [...(values.get(name) ?? []), value]);
    i += 1;
  }
  const known = ['entities', 'duration', 'warmup', 'connections', 'rounds', 'scenarios', 'pool', 'samples', 'variant', 'out', 'prefix', 'seed', 'cpu-prof', 'buffer-pool-mb', 'name'];
  for (const name of values.keys()) if (!known.includes(name)) throw new Error(`Unknown option --${name}\n${HELP}`);
  const one = (name: string) => values.get(name)?.at(-1);
  const positive = (name: string, fallback: number, integer = true): number => {
    const text = one(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be a positive ${integer ? 'whole ' : ''}number, but got ${JSON.stringify(text)}`);
    return n;
  };
  const sizes = (one('entities') ?? '10000').split(',').map((s) => {
    const n = Number(s.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 200) throw new Error(`--entities takes whole numbers of at least 200 (a 100-entity page and the demo grants need them), but got ${JSON.stringify(s)}`);
    return n;
  });
  const scenarios = (one('scenarios') ?? SCENARIOS.join(',')).split(',') as ScenarioId[];
  for (const s of scenarios) if (!SCENARIOS.includes(s)) throw new Error(`Unknown scenario ${JSON.stringify(s)}; known: ${SCENARIOS.join(', ')}`);
  const variants = (values.get('variant') ?? ['shipped']).map((spec): Variant => {
    const [name, ...parts] = spec.split(',');
    const variant: Variant = { name, env: {}, gatewayEnv: {} };
    for (const part of parts) {
      const eq = part.indexOf('=');
      if (eq <= 0) throw new Error(`--variant ${spec}: "${part}" is neither root=DIR nor VAR=VALUE`);
      const key = part.slice(0, eq);
      const flags = () => part.slice(eq + 1).split(' ').filter(Boolean);
      if (key === 'root') variant.root = resolve(part.slice(eq + 1));
      else if (key === 'gateway.node') variant.gatewayNodeFlags = flags();
      else if (key === 'subgraphs.node') variant.subgraphNodeFlags = flags();
      else if (key.startsWith('gateway.')) variant.gatewayEnv[key.slice('gateway.'.length)] = part.slice(eq + 1);
      else variant.env[key] = part.slice(eq + 1);
    }
    return variant;
  });
  if (new Set(variants.map((v) => v.name)).size !== variants.length) throw new Error('--variant names must differ');
  const several = sizes.length > 1 || variants.length > 1;
  return {
    sizes,
    duration: positive('duration', 10, false),
    warmup: Number(one('warmup') ?? 3),
    connections: positive('connections', 10),
    rounds: positive('rounds', several ? 3 : 1),
    scenarios,
    pool: positive('pool', 10_000),
    samples: positive('samples', 3),
    variants,
    out: resolve(one('out') ?? DEFAULT_RESULTS_DIR),
    name: one('name'),
    prefix: one('prefix') ?? 'bench',
    seed: one('seed') ?? 'credit-demo',
    reload: flags.has('reload'),
    prewarm: !flags.has('no-prewarm'),
    bufferPoolMb: one('buffer-pool-mb') ? positive('buffer-pool-mb', 512) : undefined,
    drop: flags.has('drop'),
    cpuProf: one('cpu-prof') ? resolve(one('cpu-prof')!) : undefined,
  };
}

/** Entities a size rotates over: spread evenly at random over the whole data set, never one hot entity. */
interface Pools {
  any: string[];
  /** Subjects that have authorised the demo bank (live, for LOAN_APPROVAL, all four domains). */
  granted: string[];
  namePrefixes: string[];
}

function pools(entities: number, size: number, seed: string): Omit<Pools, 'namePrefixes'> {
  const random = createRandom(`bench:${entities}`);
  const indices = (count: number, step: number): number[] => {
    const slots = Math.floor((entities - 1) / step) + 1;
    if (slots <= count) return Array.from({ length: slots }, (_, i) => i * step);
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(random.int(0, slots - 1) * step);
    return [...chosen];
  };
  // Slot 0 of every DEMO_GRANT_EVERY is a live grant to the demo bank (subgraphs/platform/db/demo.ts).
  return {
    any: indices(size, 1).map((i) => demoSubject(i, seed).uscc),
    granted: indices(Math.min(size, 2_000), DEMO_GRANT_EVERY).map((i) => demoSubject(i, seed).uscc),
  };
}

/** Name prefixes of 2 to 4 characters from the names of some of the pool's entities. */
async function namePrefixes(marketDatabaseUrl: string, usccs: string[]): Promise<string[]> {
  const connection = await mysql.createConnection(marketDatabaseUrl);
  try {
    const [rows] = await connection.query('SELECT name FROM entities WHERE uscc IN (?)', [usccs.slice(0, 300)]);
    const names = (rows as { name: string }[]).map((r) => r.name);
    if (names.length === 0) throw new Error(`no entities found in ${marketDatabaseUrl.replace(/:[^:@/]*@/, ':***@')}`);
    return names.map((name, i) => [...name].slice(0, 2 + (i % 3)).join(''));
  } finally {
    await connection.end();
  }
}

interface Target {
  size: number;
  label: string;
  variant: Variant;
  federation: RunningFederation;
  pids: Record<string, number>;
  pools: Pools;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

const logger = createLogger('bench');
const options = parseOptions(process.argv.slice(2));
// Ask only for what the gateways under test serve (a variant may run another tree).
if (options.variants[0].root) useSupergraph(join(options.variants[0].root, 'schema', 'supergraph.graphql'));
const queries = { public: profileQueries(['PUBLIC']), bank: profileQueries(['PUBLIC', 'AUTHORISED']), market: marketOnlyQuery() };
const representation = (uscc: string) => [{ __typename: 'Entity', uscc }];

/** The requests one logical request of a scenario is made of (one, or one per subgraph for `profile-direct`). */
function requestsOf(scenario: ScenarioId, target: Target, headers: Record<string, string>): GraphQLRequest[] {
  const gateway = `${target.federation.gatewayUrl}/graphql`;
  const { pools: p, federation } = target;
  switch (scenario) {
    case 'profile':
      return [{ url: gateway, body: body(queries.public.one, { uscc: pick(p.any) }) }];
    case 'profile-hot':
      return [{ url: gateway, body: body(queries.public.one, { uscc: p.any[0] }) }];
    case 'profile-bank':
      return [{ url: gateway, headers, body: body(queries.bank.one, { uscc: pick(p.granted) }) }];
    case 'profile-bank-hot':
      return [{ url: gateway, headers, body: body(queries.bank.one, { uscc: p.granted[0] }) }];
    case 'profile-100': {
      const start = Math.floor(Math.random() * p.any.length);
      const usccs = Array.from({ length: 100 }, (_, i) => p.any[(start + i * 97) % p.any.length]);
      return [{ url: gateway, body: body(queries.public.many, { usccs }) }];
    }
    case 'profile-direct': {
      const uscc = pick(p.any);
      return Object.entries(queries.public.direct).map(([name, query]) => ({
        url: federation.subgraphUrls[name],
        body: body(query, name === 'market' ? { uscc } : { representations: representation(uscc) }),
      }));
    }
    case 'search':
      return [{ url: gateway, body: body(SEARCH_QUERY, { namePrefix: pick(p.namePrefixes) }) }];
    case 'market-gateway':
      return [{ url: gateway, body: body(queries.market, { uscc: pick(p.any) }) }];
    case 'market-direct':
      return [{ url: federation.subgraphUrls.market, body: body(queries.market, { uscc: pick(p.any) }) }];
  }
}

/**
 * Reads every entity of a size's pools once, 100 per query, so that what is measured is a warm
 * database answering index look-ups, not the first read of each page from disk: the steady state of a
 * server whose buffer pool holds the hot set. Returns the seconds it took and the pages read from disk.
 */
async function prewarm(target: Target, bankHeaders: Record<string, string>, status: mysql.Connection): Promise<{ seconds: number; diskReads: number }> {
  const started = Date.now();
  const before = await innodbReads(status);
  const gateway = `${target.federation.gatewayUrl}/graphql`;
  const chunks = (usccs: string[]) => Array.from({ length: Math.ceil(usccs.length / 100) }, (_, i) => usccs.slice(i * 100, i * 100 + 100));
  const work = [
    ...chunks(target.pools.any).map((usccs) => ({ url: gateway, body: body(queries.public.many, { usccs }) })),
    ...chunks(target.pools.granted).map((usccs) => ({ url: gateway, headers: bankHeaders, body: body(queries.bank.many, { usccs }) })),
  ];
  let next = 0;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < work.length) await post(undefined, work[next++]);
    }),
  );
  const after = await innodbReads(status);
  return { seconds: Math.round((Date.now() - started) / 100) / 10, diskReads: after.disk - before.disk };
}

async function drive(scenario: ScenarioId, target: Target, headers: Record<string, string>, seconds: number): Promise<Measured> {
  if (scenario === 'profile-direct') {
    return driveParallel({ connections: options.connections, seconds, next: () => requestsOf(scenario, target, headers) });
  }
  const [first] = requestsOf(scenario, target, headers);
  return driveWithAutocannon({
    url: first.url,
    headers: first.headers,
    connections: options.connections,
    seconds,
    next: () => requestsOf(scenario, target, headers)[0].body,
  });
}

interface Counts {
  sqlStatements: Record<string, number>;
  authorisationLookups: number;
  accessLogWrites: number;
  responseBytes: number;
  /** One answer as the client received it (the first request's, for a parallel scenario). */
  sampleBody: string;
}

/**
 * Sends a few requests of the scenario outside the load run, each under its own request id, and asks
 * every subgraph's /stats what that request cost it. Also checks each answer carries data, no errors.
 */
async function countStatements(scenario: ScenarioId, target: Target, headers: Record<string, string>): Promise<Counts> {
  const perSample: Counts[] = [];
  for (let i = 0; i < options.samples; i += 1) {
    const requestId = `bench-${scenario}-${target.label}-${target.variant.name}-${Date.now()}-${i}`;
    const answers = await Promise.all(
      requestsOf(scenario, target, headers).map((r) => post(undefined, { ...r, headers: { ...r.headers, 'x-request-id': requestId } })),
    );
    for (const answer of answers) {
      const parsed = JSON.parse(answer.body) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
      const empty = !parsed.data || Object.values(parsed.data).some((v) => v === null || (Array.isArray(v) && v.length === 0 && scenario !== 'search'));
      if (answer.status !== 200 || (parsed.errors?.length && hasGraphQLErrors(answer.body)) || empty) {
        throw new Error(`${scenario} at ${target.label} answered HTTP ${answer.status}: ${answer.body.slice(0, 400)}`);
      }
    }
    // The gateway makes each request's id (what it sent is only a correlation id): ask for those.
    const ids = [...new Set(answers.map((a) => String(a.headers['x-request-id'] ?? requestId)))];
    type Stats = { sqlStatements: number | null; authorisationLookups: number | null; accessLogWrites: number | null };
    const stats = await Promise.all(
      Object.entries(target.federation.subgraphUrls).map(async ([name, url]) => {
        const each = await Promise.all(ids.map(async (id) => (await (await fetch(url.replace(/\/graphql$/, `/stats?request=${encodeURIComponent(id)}`))).json()) as Stats));
        const sum = (key: keyof Stats) => (each.some((e) => e[key] !== null) ? each.reduce((total, e) => total + (e[key] ?? 0), 0) : null);
        return [name, { sqlStatements: sum('sqlStatements'), authorisationLookups: sum('authorisationLookups'), accessLogWrites: sum('accessLogWrites') }] as const;
      }),
    );
    perSample.push({
      sqlStatements: Object.fromEntries(stats.map(([name, s]) => [name, s.sqlStatements ?? 0])),
      authorisationLookups: stats.reduce((sum, [, s]) => sum + (s.authorisationLookups ?? 0), 0),
      accessLogWrites: stats.reduce((sum, [, s]) => sum + (s.accessLogWrites ?? 0), 0),
      responseBytes: answers.reduce((sum, a) => sum + Buffer.byteLength(a.body), 0),
      sampleBody: answers[0].body,
    });
  }
  const mid = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  return {
    sqlStatements: Object.fromEntries(Object.keys(perSample[0].sqlStatements).map((name) => [name, mid(perSample.map((c) => c.sqlStatements[name]))])),
    authorisationLookups: mid(perSample.map((c) => c.authorisationLookups)),
    accessLogWrites: mid(perSample.map((c) => c.accessLogWrites)),
    responseBytes: mid(perSample.map((c) => c.responseBytes)),
    sampleBody: perSample.at(-1)!.sampleBody,
  };
}

/** InnoDB pages read from disk and logically, server-wide: how far a run missed the buffer pool. */
async function innodbReads(connection: mysql.Connection): Promise<{ disk: number; logical: number }> {
  const [rows] = await connection.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_reads', 'Innodb_buffer_pool_read_requests')");
  const map = Object.fromEntries((rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, Number(r.Value)]));
  return { disk: map.Innodb_buffer_pool_reads, logical: map.Innodb_buffer_pool_read_requests };
}

const started = Date.now();
const targets: Target[] = [];
const loads: Record<string, LoadTiming | null> = {};
const explained: Record<string, ExplainedAccess[]> = {};
const prefixes: string[] = [];
let serverUrl: string | undefined;
let stopLocal: (() => Promise<void>) | undefined;
let interrupted = false;
let restoreBufferPool: (() => Promise<void>) | undefined;

/** Resizes the server's buffer pool (InnoDB does it online) and returns how to put it back. */
async function resizeBufferPool(url: string, megabytes: number): Promise<() => Promise<void>> {
  const connection = await mysql.createConnection(url);
  try {
    const [[{ size }]] = (await connection.query('SELECT @@innodb_buffer_pool_size AS size')) as unknown as [{ size: string }[]];
    await connection.query('SET GLOBAL innodb_buffer_pool_size = ?', [megabytes * 2 ** 20]);
    return async () => {
      const again = await mysql.createConnection(url);
      await again.query('SET GLOBAL innodb_buffer_pool_size = ?', [Number(size)]).finally(() => again.end());
    };
  } finally {
    await connection.end();
  }
}

async function cleanUp() {
  await Promise.all(targets.map((t) => t.federation.stop()));
  await restoreBufferPool?.();
  if (options.drop && serverUrl) {
    for (const prefix of prefixes) for (const name of await databasesStartingWith(serverUrl, `${prefix}_`)) await dropDatabase(serverUrl, name);
  }
  // Leave a server others are using (a test run, npm start) running; stop one this run started for itself.
  if (stopLocal && serverUrl && (await databasesStartingWith(serverUrl, 'test_')).length === 0) await stopLocal();
}

/** Starts the federation on each data set, drives every scenario, writes the JSON and stops what it started. */
async function main(): Promise<void> {
  process.once('SIGINT', () => {
    interrupted = true;
    console.error('interrupted; stopping the federation');
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    // Keys for this run only: the gateway signs callers with one pair; the bench's own issuer signs the
    // bank's client token with the other, trusted through AUTH_ISSUERS like any real issuer.
    const callerKeys = generateEd25519KeyPair();
    const issuer = { issuer: 'urn:credit-bench', ...generateEd25519KeyPair() };
    const bankToken = await new SignJWT({ kind: 'INSTITUTION', organisation: DEMO_BANK })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(issuer.issuer)
      .setSubject('bench')
      .setIssuedAt()
      .setExpirationTime('6h')
      .sign(createPrivateKey({ key: issuer.privateJwk, format: 'jwk' }));
    const bankHeaders = { authorization: `Bearer ${bankToken}`, 'x-credit-purpose': 'LOAN_APPROVAL' };
    const reportKeys = generateEd25519KeyPair();

    for (const size of options.sizes) {
      const label = sizeLabel(size);
      const prefix = `${options.prefix}_${label}`;
      prefixes.push(prefix);
      const loadStarted = Date.now();
      console.log(`data set ${prefix}_*: ${size} entities …`);
      const data = await prepareBenchData(SUBGRAPHS, { entities: size, seed: options.seed, prefix, reload: options.reload, resultsDir: options.out, logger });
      loads[label] = data.load;
      serverUrl ??= data.databases.local?.url;
      if (data.databases.local?.startedHere) stopLocal = data.databases.local.stop;
      console.log(`  ${data.loadedNow ? `loaded in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s` : 'already loaded'}`);
      const base = pools(size, options.pool, options.seed);
      const targetPools: Pools = { ...base, namePrefixes: await namePrefixes(data.databases.urls.market, base.any) };
      // Index-bound or not: EXPLAIN (ANALYZE on MariaDB) of every loader's statement at this size.
      explained[label] = await explainLoaders(SUBGRAPHS, data.databases.urls, base.any.slice(0, 5), targetPools.namePrefixes[0]);
      const scans = explained[label].filter((e) => !e.indexBound);
      console.log(`  loader statements: ${scans.length === 0 ? 'every one an index look-up' : `${scans.length} scan(s): ${scans.map((e) => `${e.subgraph}.${e.loader} (${e.table}, ${e.rows} rows)`).join(', ')}`}`);

      for (const variant of options.variants) {
        const ports = { gateway: await freePort(), subgraphs: {} as Record<string, number> };
        for (const s of SUBGRAPHS) ports.subgraphs[s.name] = await freePort();
        const federation = await startFederationProcesses({
          subgraphs: SUBGRAPHS,
          databaseUrls: data.databases.urls,
          ports,
          root: variant.root,
          callerSigningKey: createPrivateKey({ key: callerKeys.privateJwk, format: 'jwk' }),
          // Production mode needs every key given: the report-signing key too, made for this run like the others.
          env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', NODE_ENV: 'production', REPORT_SIGNING_KEY: JSON.stringify(reportKeys.privateJwk), ...variant.env },
          gatewayEnv: {
            AUTH_ISSUERS: JSON.stringify([{ issuer: issuer.issuer, publicKey: issuer.publicJwk }]),
            AUTH_DEV_ISSUER: 'off',
            GATEWAY_LANDING_PAGE: 'off',
            ...variant.gatewayEnv,
          },
          gatewayNodeArgs: [...(variant.gatewayNodeFlags ?? GATEWAY_NODE_FLAGS), ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProf, `${label}-${variant.name}`, 'gateway')}`] : [])],
          subgraphNodeArgs: [...(variant.subgraphNodeFlags ?? SUBGRAPH_NODE_FLAGS), ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProf, `${label}-${variant.name}`, 'subgraphs')}`] : [])],
          onUnexpectedExit(part, code, signal) {
            if (!interrupted) console.error(`${part} (${label}, ${variant.name}) exited unexpectedly (${code ?? signal}); results will show errors`);
          },
        });
        const pids = Object.fromEntries(federation.processes.map((p) => [p.name, p.pid]));
        targets.push({ size, label, variant, federation, pids, pools: targetPools });
        console.log(`  federation ${variant.name}: gateway ${federation.gatewayUrl}`);
      }
    }
    if (!serverUrl) throw new Error('the benchmark needs the project-local MySQL-compatible server');
    if (options.bufferPoolMb) restoreBufferPool = await resizeBufferPool(serverUrl, options.bufferPoolMb);

    const machine = await describeMachine(serverUrl);
    const status = await mysql.createConnection(serverUrl);
    const pooled = new Map<string, { target: Target; scenario: ScenarioId; runs: Measured[]; peakRss: Record<string, number>; cpuMs: Record<string, number>; diskReads: number; logicalReads: number; counts?: Counts }>();
    // The database server's pid, where it is the project-local one (shared: other users' queries count too).
    // Absent when the server in use was started from another checkout's data folder: then its RSS is not sampled.
    const databasePid = await databasePidOf(status);
    const headersFor = (scenario: ScenarioId) => (scenario.startsWith('profile-bank') ? bankHeaders : {});

    const prewarmed: Record<string, { seconds: number; diskReads: number }> = {};
    try {
      if (options.prewarm) {
        for (const target of targets) {
          if (prewarmed[target.label]) continue;
          prewarmed[target.label] = await prewarm(target, bankHeaders, status);
          console.log(`  prewarmed ${target.label}: ${target.pools.any.length} entities in ${prewarmed[target.label].seconds} s, ${prewarmed[target.label].diskReads} pages read from disk`);
        }
      }
      for (let round = 0; round < options.rounds; round += 1) {
        for (const scenario of options.scenarios) {
          // Alternate the order of sizes and variants between rounds so neither always goes first.
          const order = round % 2 === 0 ? targets : [...targets].reverse();
          for (const target of order) {
            const key = `${scenario}|${target.label}|${target.variant.name}`;
            if (round === 0) {
              // Correctness first (every answer has data, no errors), then warm caches and JIT.
              await countStatements(scenario, target, headersFor(scenario));
              if (options.warmup > 0) await drive(scenario, target, headersFor(scenario), options.warmup);
            }
            const before = await innodbReads(status);
            const sampler = sampleRss(target.pids);
            const cpu = measureCpu({ ...target.pids, ...(databasePid ? { database: databasePid } : {}), 'load generator': process.pid });
            const measured = await drive(scenario, target, headersFor(scenario), options.duration);
            const cpuMs = cpu.stop();
            const peak = sampler.stop();
            const after = await innodbReads(status);
            const entry = pooled.get(key) ?? { target, scenario, runs: [], peakRss: {}, cpuMs: {}, diskReads: 0, logicalReads: 0 };
            entry.runs.push(measured);
            for (const [name, ms] of Object.entries(cpuMs)) entry.cpuMs[name] = (entry.cpuMs[name] ?? 0) + ms;
            for (const [name, bytes] of Object.entries(peak)) entry.peakRss[name] = Math.max(entry.peakRss[name] ?? 0, bytes);
            entry.diskReads += after.disk - before.disk;
            entry.logicalReads += after.logical - before.logical;
            pooled.set(key, entry);
            const sorted = [...measured.latenciesMs].sort((a, b) => a - b);
            console.log(
              `  round ${round + 1}/${options.rounds} ${scenario} ${target.label} ${target.variant.name}: ` +
                `${(measured.requests / measured.seconds).toFixed(1)} req/s, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
            );
          }
        }
      }
      // Statement counts after the load, on warm processes: they do not depend on load, only on the query.
      for (const entry of pooled.values()) entry.counts = await countStatements(entry.scenario, entry.target, headersFor(entry.scenario));
    } finally {
      await status.end();
    }

    const results: ScenarioResult[] = [...pooled.values()].map(({ target, scenario, runs, peakRss, cpuMs, diskReads, logicalReads, counts }) => {
      const latencies = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
      const requests = runs.reduce((n, r) => n + r.requests, 0);
      const seconds = runs.reduce((n, r) => n + r.seconds, 0);
      const round = (n: number, digits = 1) => Number(n.toFixed(digits));
      return {
        scenario,
        title: TITLES[scenario],
        entities: target.size,
        size: target.label,
        variant: target.variant.name,
        requests,
        requestsPerSecond: round(requests / seconds),
        latencyMs: {
          p50: round(percentile(latencies, 50), 2),
          p95: round(percentile(latencies, 95), 2),
          p99: round(percentile(latencies, 99), 2),
          max: round(latencies.at(-1) ?? NaN, 2),
          roundP50s: runs.map((r) => round(percentile([...r.latenciesMs].sort((a, b) => a - b), 50), 2)),
        },
        errors: {
          non2xx: runs.reduce((n, r) => n + r.errors.non2xx, 0),
          graphql: runs.reduce((n, r) => n + r.errors.graphql, 0),
          socket: runs.reduce((n, r) => n + r.errors.socket, 0),
          timeouts: runs.reduce((n, r) => n + r.errors.timeouts, 0),
        },
        sqlStatementsPerRequest: counts!.sqlStatements,
        authorisationLookupsPerRequest: counts!.authorisationLookups,
        accessLogWritesPerRequest: counts!.accessLogWrites,
        responseBytes: counts!.responseBytes,
        innodbDiskReadsPerRequest: round(diskReads / Math.max(1, requests), 2),
        innodbLogicalReadsPerRequest: round(logicalReads / Math.max(1, requests), 0),
        peakRssMb: Object.fromEntries(Object.entries(peakRss).map(([name, bytes]) => [name, round(bytes / 2 ** 20, 0)])),
        cpuMsPerRequest: Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, round(ms / Math.max(1, requests), 2)])),
      };
    });

    machine.loadAverage.end = loadavg().map((l) => Number(l.toFixed(2)));
    // Compression, measured here rather than switched on: what gzip or brotli would cost the gateway per
    // response of each gateway scenario, against the bytes it would save.
    const compression: CompressionResult[] = [];
    for (const entry of pooled.values()) {
      if (entry.target !== targets[0] || entry.scenario === 'profile-direct' || entry.scenario === 'market-direct') continue;
      compression.push(measureCompression(entry.scenario, entry.counts!.sampleBody));
    }
    const report = formatReport(results, { connections: options.connections, compression });
    console.log(`\n${report.text}`);

    const defaultName = `federation-${options.sizes.map(sizeLabel).join('-')}${options.variants.length > 1 ? `-${options.variants.map((v) => v.name).join('-vs-')}` : ''}`;
    const file = join(options.out, `${options.name ?? defaultName}.json`);
    mkdirSync(options.out, { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          benchmark: 'federation',
          command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
          machine,
          options: {
            entities: options.sizes,
            duration: options.duration,
            warmup: options.warmup,
            connections: options.connections,
            rounds: options.rounds,
            pool: options.pool,
            prewarm: options.prewarm,
            nodeFlags: { gateway: GATEWAY_NODE_FLAGS, subgraphs: SUBGRAPH_NODE_FLAGS },
            samples: options.samples,
            variants: options.variants.map((v) => ({ ...v, root: v.root ? 'another tree' : undefined })),
          },
          dataSets: loads,
          prewarmed,
          explain: explained,
          scenarios: Object.fromEntries(options.scenarios.map((s) => [s, TITLES[s]])),
          results,
          scale: report.scale,
          targets: report.targets,
          compression,
          seconds: Math.round((Date.now() - started) / 1000),
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nwrote ${file}`);
    await cleanUp();
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanUp().catch(() => {});
    process.exit(1);
  }
}

/**
 * The database server's pid, from the pid file the server itself reports: readable when the server runs
 * on this machine, whichever checkout started it; undefined otherwise (then its CPU and RSS are not sampled).
 */
async function databasePidOf(connection: mysql.Connection): Promise<number | undefined> {
  try {
    const [[row]] = (await connection.query('SELECT @@pid_file AS file, @@datadir AS datadir')) as unknown as [{ file: string; datadir: string }[]];
    const file = row.file.startsWith('/') ? row.file : join(row.datadir, row.file);
    return Number(readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

await main();
