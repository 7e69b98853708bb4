import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { ConfigurationError } from '../subgraphs/kit/runtime/config.ts';

/** The address a request comes from, as the rate limiter and the request log count it. */
export type ClientAddressOf = (req: IncomingMessage) => string;

/**
 * `TRUSTED_PROXIES`: comma-separated addresses and CIDR ranges (or proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`) of the reverse proxies in front of the gateway. Read once at start; a bad
 * entry stops the start naming the variable. @default none: X-Forwarded-For is never read
 */
export function readTrustedProxies(env: NodeJS.ProcessEnv = process.env): string[] {
  const entries = (env.TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch (error) {
      throw new ConfigurationError(`TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas (e.g. "10.0.0.0/8,192.0.2.7"), but ${JSON.stringify(entry)} is not one: ${(error as Error).message}`);
    }
  }
  return entries;
}

/**
 * Only when the socket's peer is a trusted proxy is X-Forwarded-For read, from the right, up to the
 * first address that is not a trusted proxy: entries to its left were written by the client and prove
 * nothing. Otherwise the socket's address stands, whatever the header says (proxy-addr).
 */
export function createClientAddress(trustedProxies: readonly string[]): ClientAddressOf {
  const trust = proxyaddr.compile([...trustedProxies]);
  if (trustedProxies.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  return (req) => (req.socket.remoteAddress ? proxyaddr(req, trust) : 'unknown');
}
