import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

/** What one load run measured: every response's latency, so percentiles can be pooled across rounds. */
export interface Measured {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  errors: { non2xx: number; graphql: number; socket: number; timeouts: number };
  bytes: number;
}

export interface GraphQLRequest {
  url: string;
  headers?: Record<string, string>;
  body: string;
}

// A response is GraphQL-failed when it carries an `errors` list with anything but references withheld
// by design (a field naming a record out of the caller's view: FORBIDDEN, OUT_OF_VIEW); the data under
// test never contains this text, and looking for it costs the load generator far less than parsing.
export const hasGraphQLErrors = (body: string) =>
  body.includes('"errors":[') && (body.match(/"code":"/g)?.length ?? 0) > (body.match(/"reason":"(OUT_OF_VIEW|NATURAL_PERSON)"/g)?.length ?? 0);

/**
 * Closed-loop load on one URL with autocannon: `connections` keep-alive connections, each sending its
 * next request as soon as the last is answered, for `seconds`. `next()` gives each request its body,
 * so the run rotates over many entities.
 */
export function driveWithAutocannon({ url, headers = {}, connections, seconds, next }: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  next: () => string;
}): Promise<Measured> {
  const latenciesMs: number[] = [];
  let graphql = 0;
  let bytes = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        connections,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            setupRequest: (req) => ({ ...req, body: next() }),
            onResponse: (_status, body) => {
              if (hasGraphQLErrors(body)) graphql += 1;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: latenciesMs.length,
          seconds: result.duration,
          latenciesMs,
          errors: { non2xx: result.non2xx, graphql, socket: result.errors - result.timeouts, timeouts: result.timeouts },
          bytes,
        });
      },
    );
    instance.on('response', (_client, _status, resBytes, responseTime) => {
      latenciesMs.push(responseTime);
      bytes += resBytes;
    });
  });
}

/**
 * Closed-loop load where one logical request is several HTTP requests sent at once (the profile asked
 * of each subgraph directly): `connections` workers, each timing until the slowest of its requests
 * has answered. Node's http with a keep-alive agent, as lean as a client gets without autocannon.
 */
export async function driveParallel({ connections, seconds, next }: {
  connections: number;
  seconds: number;
  next: () => GraphQLRequest[];
}): Promise<Measured> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const measured: Measured = { requests: 0, seconds, latenciesMs: [], errors: { non2xx: 0, graphql: 0, socket: 0, timeouts: 0 }, bytes: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      const answers = await Promise.allSettled(next().map((r) => post(agent, r)));
      measured.latenciesMs.push(performance.now() - begun);
      measured.requests += 1;
      for (const answer of answers) {
        if (answer.status === 'rejected') measured.errors.socket += 1;
        else {
          measured.bytes += answer.value.body.length;
          if (answer.value.status < 200 || answer.value.status >= 300) measured.errors.non2xx += 1;
          else if (hasGraphQLErrors(answer.value.body)) measured.errors.graphql += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  measured.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return measured;
}

export function post(agent: Agent | undefined, { url, headers = {}, body }: GraphQLRequest): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Resident memory of each process, sampled until stopped: the peak per process, in bytes. */
export function sampleRss(pids: Record<string, number>, intervalMs = 200): { stop(): Record<string, number> } {
  const peak: Record<string, number> = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) peak[name] = Math.max(peak[name], rssOf(pid));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** VmRSS of a process from /proc (Linux), 0 where it cannot be read. */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** CPU time (user + system) a process has used so far, in milliseconds; 0 where /proc cannot tell. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** CPU used by each process between start() and the returned stop(), in milliseconds. */
export function measureCpu(pids: Record<string, number>): { stop(): Record<string, number> } {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMsOf(pid)]));
  return {
    stop: () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMsOf(pid) - before[name]])),
  };
}
