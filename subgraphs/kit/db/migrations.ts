import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { ConfigurationError } from '../runtime/config.ts';

/** drizzle's record of what it applied, in each department's database. */
const APPLIED_TABLE = '__drizzle_migrations';
/** How long a runner waits for another to finish (a first migration of a large table can take minutes). */
const LOCK_WAIT_SECONDS = 600;

interface JournalEntry {
  tag: string;
  /** When drizzle-kit generated it; drizzle records it as `created_at` once applied. */
  when: number;
}

/** The migrations a build carries, oldest first, from drizzle-kit's journal beside them. */
export function migrationsOf(folder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return [...journal.entries].sort((a, b) => a.when - b.when);
}

async function appliedMigrations(connection: mysql.Connection): Promise<number[]> {
  try {
    const [rows] = await connection.query(`SELECT created_at AS createdAt FROM \`${APPLIED_TABLE}\` ORDER BY created_at`);
    return (rows as { createdAt: number | string }[]).map((r) => Number(r.createdAt));
  } catch (error) {
    if ((error as { code?: string }).code === 'ER_NO_SUCH_TABLE') return [];
    throw error;
  }
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * Applies a department's committed migrations, one runner at a time per database: a MySQL named lock
 * (GET_LOCK) held on the connection that migrates, so replicas, a compose job and `npm start` racing
 * each other apply each migration once, the later runners finding nothing left to do. Named locks
 * are per server, so the name carries the database. Resolves with how many it applied.
 */
export async function migrateUnderLock(url: string, folder: string): Promise<{ applied: number; database: string }> {
  const database = databaseOf(url);
  const lock = `credit-migrate:${database}`.slice(0, 64);
  const connection = await mysql.createConnection({ uri: url, multipleStatements: false });
  try {
    const [[{ got }]] = (await connection.query('SELECT GET_LOCK(?, ?) AS got', [lock, LOCK_WAIT_SECONDS])) as unknown as [[{ got: number | null }]];
    if (got !== 1) throw new Error(`Another migration of ${database} held the lock "${lock}" for over ${LOCK_WAIT_SECONDS} s; is one stuck?`);
    try {
      const before = (await appliedMigrations(connection)).length;
      await migrate(drizzle(connection), { migrationsFolder: folder });
      return { applied: (await appliedMigrations(connection)).length - before, database };
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await connection.end();
  }
}

/** A configuration mistake like any other: the entry point prints it and exits 2. */
export class SchemaBehindError extends ConfigurationError {
  override name = 'SchemaBehindError';
}

/**
 * Refuses a database whose schema is older than this build's migrations: a service started against it
 * would fail request by request on missing columns. A newer schema is accepted, so that during a
 * rolling upgrade the replicas of the previous build keep serving after `npm run migrate`.
 */
export async function checkSchemaVersion(pool: Pick<mysql.Pool, 'getConnection'>, folder: string, department: string): Promise<void> {
  const expected = migrationsOf(folder);
  const connection = await pool.getConnection();
  let applied: number[];
  try {
    applied = await appliedMigrations(connection as unknown as mysql.Connection);
  } finally {
    connection.release();
  }
  const newest = applied.length ? Math.max(...applied) : 0;
  const missing = expected.filter((m) => m.when > newest);
  if (missing.length === 0) return;
  throw new SchemaBehindError(
    `The ${department} database is behind this build: ${missing.length} migration(s) not applied (${missing.map((m) => m.tag).join(', ')}). ` +
      'Run `npm run migrate` (in compose, the migrate service) with the same <NAME>_DATABASE_URL, then start the service again.',
  );
}
