import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { graphql } from '../support/graphql.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RECORDER = fileURLToPath(new URL('../support/record-connections.ts', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'connections-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Attempt {
  kind: 'connect' | 'lookup';
  host?: string;
  port?: number;
  path?: string;
}

function isLoopback(attempt: Attempt): boolean {
  if (attempt.path) return true; // a unix socket never leaves the machine
  const host = attempt.host ?? '';
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Runs `args` under node with the recorder preloaded; returns the child and its record. */
function recorded(name: string, args: string[], env: Record<string, string | undefined>) {
  const log = join(folder, `${name}.jsonl`);
  const environment: Record<string, string | undefined> = { ...process.env, ...env, CONNECTION_LOG: log };
  delete environment.APOLLO_TELEMETRY_DISABLED; // the entry point must disable telemetry by itself
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', RECORDER, ...args], { cwd: ROOT, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  const read = (): Attempt[] => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
    } catch {
      return [];
    }
  };
  return { child, read };
}

describe('no outbound connections', () => {
  it('the recorder sees connection attempts and lookups (so the test below can fail)', async () => {
    const script = "const net = await import('node:net'); const dns = await import('node:dns');" +
      "await new Promise((r) => dns.lookup('localhost', r));" +
      "await new Promise((r) => { const s = net.connect({ host: '127.0.0.2', port: 9 }); s.on('error', r); s.on('connect', () => { s.destroy(); r(); }); });";
    const { child, read } = recorded('probe', ['--input-type=module', '-e', script], {});
    await new Promise((resolve) => child.once('exit', resolve));
    expect(read()).toEqual(expect.arrayContaining([{ kind: 'lookup', host: 'localhost' }, { kind: 'connect', host: '127.0.0.2', port: 9 }]));
  });

  it('the gateway opens no connection outside 127.0.0.1 while serving a request and shutting down', async () => {
    const subgraphUrls = inject('subgraphUrls');
    const urlEnv = Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
    // Production needs the caller-signing key configured (no development pair there).
    const signingKey = JSON.stringify(inject('callerKeys').privateJwk);
    const { child, read } = recorded('gateway', ['gateway/main.ts'], { ...urlEnv, GATEWAY_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production', GATEWAY_SIGNING_KEY: signingKey });

    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+\/graphql)","msg":"gateway ready"/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
    });

    const result = await graphql('{ searchEntities(first: 3) { nodes { uscc name } } }', {}, { url });
    expect(result.errors).toBeUndefined();
    expect(result.data.searchEntities.nodes).toHaveLength(3);

    // Stopping flushes any telemetry exporter, so an exporter that was left on would show up here.
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    const attempts = read();
    expect(attempts.some((a) => a.kind === 'connect')).toBe(true); // it did reach the subgraphs
    expect(attempts.filter((a) => !isLoopback(a))).toEqual([]);
  });
});
