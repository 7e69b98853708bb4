// Preloaded (`node --import`) into a process under test: appends every outbound TCP connection attempt
// and every DNS lookup to the file named by CONNECTION_LOG, synchronously, before it happens, so that
// even an attempt that fails (no internet here) is on record.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const file = process.env.CONNECTION_LOG;
if (!file) throw new Error('CONNECTION_LOG must name the file to record connections in');

function record(entry: Record<string, unknown>): void {
  appendFileSync(file!, `${JSON.stringify(entry)}\n`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  // net.connect() hands over its arguments already normalised, as one array [options, callback].
  const [first, second] = (Array.isArray(args[0]) ? args[0] : args) as [unknown, unknown];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number; path?: string };
    record({ kind: 'connect', host: options.path ? undefined : (options.host ?? 'localhost'), port: options.port, path: options.path });
  } else if (typeof first === 'number') {
    record({ kind: 'connect', host: typeof second === 'string' ? second : 'localhost', port: first });
  } else if (typeof first === 'string') {
    record({ kind: 'connect', path: first });
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const lookup = dns.lookup;
(dns as { lookup: unknown }).lookup = function (hostname: string, ...rest: unknown[]) {
  record({ kind: 'lookup', host: hostname });
  return (lookup as (...a: unknown[]) => unknown).call(dns, hostname, ...rest);
};
const promisesLookup = dns.promises.lookup;
(dns.promises as { lookup: unknown }).lookup = function (hostname: string, ...rest: unknown[]) {
  record({ kind: 'lookup', host: hostname });
  return (promisesLookup as (...a: unknown[]) => unknown).call(dns.promises, hostname, ...rest);
};

// ES modules that import these built-ins see the patched functions only after this.
syncBuiltinESMExports();
