import '../subgraphs/kit/runtime/no-telemetry.ts';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readGatewayOptions } from '../gateway/config.ts';
import { startGateway, type RunningGateway } from '../gateway/gateway.ts';
import type { ShieldScope } from '../subgraphs/kit/access/rules.ts';
import { CALLER_HEADER, signCallerToken } from '../subgraphs/kit/identity/caller-token.ts';
import { demoSubject } from '../subgraphs/kit/demo/index.ts';
import { generateEd25519KeyPair } from '../subgraphs/kit/identity/keys.ts';
import { createLogger } from '../subgraphs/kit/runtime/logger.ts';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/subgraph/subgraph.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';
import { dropCreatedDatabases, prepareDatabases, prepareSubgraphData } from '../scripts/lib/databases.ts';
import { entityProfileFields, selectionOf } from '../test/support/profile-tree.ts';
import { SignJWT } from 'jose';

// `npm run bench:permissions [-- --rounds 40]`: what the permission layer costs on a 100-entity full
// profile. The same federation runs four times over the same databases, in this process: with no
// shield at all (nothing enforced, nothing logged), with graphql-shield wrapping every field, wrapping
// every field above PUBLIC, and as shipped (see ShieldScope in subgraphs/kit/access/rules.ts). Rounds
// interleave the variants in random order so that the database's warm-up and the machine's noise fall
// on all alike; the figures are medians. The result is written to bench/results/permission-overhead.json.

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 40;
const WARM_UP = 5;
const ENTITIES = 100;
const SEED = 'credit-demo';
const SCOPES: ShieldScope[] = ['off', 'every-field', 'protected-fields', 'deciding-fields'];
const RESULTS = fileURLToPath(new URL('./results/permission-overhead.json', import.meta.url));

const logger = createLogger('bench');
logger.level = 'warn';
const keys = generateEd25519KeyPair();
const issuer = { issuer: 'urn:bench', ...generateEd25519KeyPair() };
const signingKey = createPrivateKey({ key: keys.privateJwk, format: 'jwk' });
const publicKey = createPublicKey({ key: keys.publicJwk, format: 'jwk' });

const usccs = Array.from({ length: ENTITIES }, (_, i) => demoSubject(i, SEED).uscc);
// Every department's records and the entity's authorisations; not its access log, which every
// query here would lengthen (and which no credit check reads).
const profileFields = entityProfileFields().filter((f) => f.coordinate !== 'Entity.accessLog');
const profile = `query Profile($usccs: [USCC!]!) { entities(usccs: $usccs) { ${selectionOf(profileFields)} } }`;
const marketOnly = `query Market($usccs: [USCC!]!) { entities(usccs: $usccs) { ${selectionOf(profileFields.filter((f) => f.domain === 'MARKET'))} } }`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(url: string, query: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number; errors: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables: { usccs } }) });
  const text = await response.text();
  const ms = performance.now() - started;
  const body = JSON.parse(text) as { errors?: unknown[]; data?: unknown };
  if (!body.data) throw new Error(`request failed: ${text.slice(0, 500)}`);
  return { ms, bytes: text.length, errors: body.errors?.length ?? 0 };
}

const databases = await prepareDatabases(SUBGRAPHS, { prefix: 'bench_permissions', useEnvironment: false });
const running: { stop(): Promise<void> }[] = [];
try {
  for (const subgraph of SUBGRAPHS) {
    await prepareSubgraphData(subgraph, databases.urls[subgraph.name], { entities: ENTITIES * 2, seed: SEED });
  }

  const federations: Record<string, { gateway: RunningGateway; market: RunningSubgraph }> = {};
  for (const shield of SCOPES) {
    const subgraphs: RunningSubgraph[] = [];
    const platform = SUBGRAPHS.find((s) => s.name === 'platform')!;
    const ordered = [platform, ...SUBGRAPHS.filter((s) => s !== platform)];
    let platformUrl: string | undefined;
    for (const definition of ordered) {
      const subgraph = await startSubgraph(definition, { databaseUrl: databases.urls[definition.name], port: 0, migrate: false, logger, gatewayPublicKey: publicKey, platformUrl, shield, poolSize: 10 });
      if (definition === platform) platformUrl = subgraph.url.replace(/\/graphql$/, '');
      subgraphs.push(subgraph);
      running.push(subgraph);
    }
    const gateway = await startGateway(
      {
        ...readGatewayOptions({}),
        port: 0,
        landingPage: false,
        subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
        callerSigningKey: signingKey,
        auth: { issuers: [{ issuer: issuer.issuer, key: createPublicKey({ key: issuer.publicJwk, format: 'jwk' }) }], devIssuerPath: null },
      },
      logger,
    );
    running.push(gateway);
    federations[shield] = { gateway, market: subgraphs.find((s) => s.name === 'market')! };
  }

  // Government sees every field, so all three variants return the same data: only the work differs.
  const bearer = await new SignJWT({ kind: 'GOVERNMENT', department: 'MARKET' })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(issuer.issuer)
    .setSubject('bench')
    .setExpirationTime('2h')
    .sign(createPrivateKey({ key: issuer.privateJwk, format: 'jwk' }));
  const gatewayHeaders = { authorization: `Bearer ${bearer}` };

  const cases = [
    { name: 'full profile through the gateway', query: profile, target: (s: ShieldScope) => federations[s].gateway.url, headers: async () => gatewayHeaders },
    {
      name: 'market subgraph alone',
      query: marketOnly,
      target: (s: ShieldScope) => federations[s].market.url,
      // A fresh caller header per request, as the gateway would send (tokens live 30 s).
      headers: async () => ({ [CALLER_HEADER]: await signCallerToken({ kind: 'GOVERNMENT', department: 'MARKET' }, { audience: 'market', requestId: `bench-${Math.random()}`, key: signingKey }) }),
    },
  ];

  const report: Record<string, unknown>[] = [];
  for (const benchCase of cases) {
    const samples: Record<string, number[]> = Object.fromEntries(SCOPES.map((s) => [s, []]));
    const sizes: Record<string, { bytes: number; errors: number }> = {};
    for (let round = -WARM_UP; round < ROUNDS; round += 1) {
      const order = [...SCOPES].sort(() => Math.random() - 0.5);
      for (const shield of order) {
        const { ms, bytes, errors } = await timed(benchCase.target(shield), benchCase.query, await benchCase.headers());
        if (round >= 0) samples[shield].push(ms);
        sizes[shield] = { bytes, errors };
      }
    }
    const off = median(samples.off);
    for (const shield of SCOPES) {
      const m = median(samples[shield]);
      report.push({
        case: benchCase.name,
        shield,
        medianMs: Number(m.toFixed(1)),
        p90Ms: Number(percentile(samples[shield], 90).toFixed(1)),
        overheadMs: Number((m - off).toFixed(1)),
        overheadPercent: Number((((m - off) / off) * 100).toFixed(1)),
        responseBytes: sizes[shield].bytes,
        errors: sizes[shield].errors,
      });
    }
  }

  console.table(report);
  mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        benchmark: 'permission-overhead',
        description:
          'Median latency of a 100-entity profile as government (every field released, so every variant returns the same data): ' +
          'shield off (nothing enforced or logged) vs every field wrapped vs every field above PUBLIC wrapped vs (as shipped) only the fields where a decision is made wrapped, the rest above PUBLIC recording their release. ' +
          'Profile: every department’s records and the entity’s authorisations, not its access log (which each query lengthens).',
        entities: ENTITIES,
        rounds: ROUNDS,
        warmUp: WARM_UP,
        subgraphs: SUBGRAPHS.map((s) => s.name),
        node: process.version,
        cpu: cpus()[0]?.model,
        measuredAt: new Date().toISOString(),
        results: report,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${RESULTS}`);
} finally {
  for (const part of running.reverse()) await part.stop();
  await dropCreatedDatabases(databases);
  if (databases.local?.startedHere) await databases.local.stop();
}
