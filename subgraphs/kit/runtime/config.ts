/**
 * Configuration is read once, at start-up, and a bad value stops the process with a sentence a person
 * can act on instead of a stack trace from deep inside a pool or a socket.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export function envName(subgraph: string, suffix: string): string {
  return `${subgraph.toUpperCase()}_${suffix}`;
}

export function readMysqlUrl(variable: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[variable];
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`${variable} must be a mysql:// URL, but got: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'mysql:') {
    throw new ConfigurationError(`${variable} must be a mysql:// URL, but got: ${JSON.stringify(value)}`);
  }
  if (url.pathname.length <= 1) {
    throw new ConfigurationError(`${variable} must name a database (mysql://user:pass@host:port/database), but got: ${JSON.stringify(value)}`);
  }
  return value;
}

export function readPort(variable: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigurationError(`${variable} must be a port number from 0 to 65535, but got: ${JSON.stringify(value)}`);
  }
  return port;
}

export function readPositiveInteger(variable: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new ConfigurationError(`${variable} must be a positive whole number, but got: ${JSON.stringify(value)}`);
  }
  return n;
}

export function readUrl(variable: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigurationError(`${variable} must be an http:// or https:// URL, but got: ${JSON.stringify(value)}`);
  }
  return value;
}

/** Development mode shows error details; anything else (unset included) masks them. */
export function isDevelopment(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'development';
}
