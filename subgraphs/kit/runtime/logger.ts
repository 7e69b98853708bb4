import { pino, type Logger } from 'pino';

/** One JSON logger per service; LOG_LEVEL (default `info`, `silent` in tests) is read once here. */
export function createLogger(service: string): Logger {
  return pino({ name: service, level: process.env.LOG_LEVEL ?? 'info' });
}

export type { Logger };
