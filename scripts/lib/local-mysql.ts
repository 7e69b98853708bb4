import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, closeSync, constants, openSync, statSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { installServer, planServerInstall, thisMachine } from './install-mysql.ts';

const execFileAsync = promisify(execFile);

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_LOCAL_MYSQL_DATA_DIR = join(REPO_ROOT, '.data', 'mysql');
export const DEFAULT_LOCAL_MYSQL_PORT = 3407;
/** Folders searched for `mariadbd`/`mysqld` after PATH; distributions put the daemon outside PATH. */
export const SERVER_SEARCH_DIRS: readonly string[] = ['/usr/sbin', '/usr/libexec', '/usr/local/mysql/bin'];
const SERVER_BINARY_NAMES = ['mariadbd', 'mysqld'];

const USER = 'credit';
const PASSWORD = 'credit';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
// Long enough for another process to initialise and start the server while we wait for the lock.
const LOCK_TIMEOUT_MS = 180_000;
// Unix socket paths are limited to ~107 bytes; stay well under.
const MAX_SOCKET_PATH = 100;

export interface LocalMysqlOptions {
  /** The server's data folder; its log, pid file, socket, lock and init file sit beside it. @default '<repo>/.data/mysql' */
  dataDir?: string;
  /** TCP port on 127.0.0.1. @default 3407 */
  port?: number;
  /** Folders searched for the server binary after PATH. @default SERVER_SEARCH_DIRS */
  searchDirs?: readonly string[];
}

export interface LocalMysql {
  /** Server URL without a database, e.g. `mysql://credit:credit@127.0.0.1:3407`. */
  url: string;
  /** True when this call started the server; false when it reused one already running. */
  startedHere: boolean;
  /** Stops the server if this call started it, and waits until it has exited; otherwise does nothing. */
  stop(): Promise<void>;
}

export class MissingDatabaseServerError extends Error {
  override readonly name = 'MissingDatabaseServerError';

  constructor(searchDirs: readonly string[] = SERVER_SEARCH_DIRS, notInstalledBecause?: string) {
    super(
      `No MySQL-compatible server found (looked for ${SERVER_BINARY_NAMES.join(' and ')} on PATH and in ` +
        `${searchDirs.join(', ') || 'no other folder'})${notInstalledBecause ? `, and none was installed: ${notInstalledBecause}` : ''}. ` +
        'Install one with `apt-get install mariadb-server` (as root), ' +
        'or run the whole federation on MySQL 8 with `docker compose up`. Or point MARKET_DATABASE_URL, ' +
        'TAX_DATABASE_URL and the other *_DATABASE_URL variables at existing servers.',
    );
  }
}

/**
 * Reuses the MySQL-compatible server answering on 127.0.0.1:<port> as user credit, or starts one from the
 * system binary (initialising the data folder on first use). The server is detached so later runs reuse it.
 */
export async function ensureLocalMysql(options: LocalMysqlOptions = {}): Promise<LocalMysql> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_LOCAL_MYSQL_DATA_DIR);
  const port = options.port ?? DEFAULT_LOCAL_MYSQL_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Local MySQL port must be an integer from 1 to 65535, but got: ${port}`);
  }
  const url = `mysql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const reused: LocalMysql = { url, startedHere: false, stop: async () => {} };

  if ((await probe(port, 2_000)).state === 'ready') return reused;

  const files = localFiles(dataDir);
  await mkdir(files.parent, { recursive: true });
  const releaseLock = await acquireLock(files.lock);
  try {
    // Whoever held the lock before us may have just started it.
    const seen = await probe(port, 2_000);
    if (seen.state === 'ready') return reused;
    if (await adoptRunningServer(files, dataDir, port)) return reused;
    if (seen.state === 'other') {
      throw new Error(
        `127.0.0.1:${port} is taken by something that does not accept MySQL user ${USER} ` +
          `(${seen.error.message}). Stop it, or choose another port.`,
      );
    }

    const server = findOrInstallServerBinary(options.searchDirs);
    const flavour = await detectFlavour(server);
    await initialiseDataDir(server, flavour, dataDir, files);
    const child = await startServer(server, flavour, dataDir, port, files);
    return { url, startedHere: true, stop: () => stopServer(child) };
  } finally {
    await releaseLock();
  }
}

/**
 * The server binary, installed first where this machine allows it (install-mysql.ts: Debian or Ubuntu
 * as root, not with MYSQL_AUTO_INSTALL=off); otherwise a MissingDatabaseServerError that says why and how.
 */
export function findOrInstallServerBinary(searchDirs: readonly string[] = SERVER_SEARCH_DIRS): string {
  try {
    return findServerBinary(searchDirs);
  } catch (error) {
    if (!(error instanceof MissingDatabaseServerError)) throw error;
  }
  const { installed, reason } = installServer(planServerInstall(thisMachine()));
  if (!installed) throw new MissingDatabaseServerError(searchDirs, reason);
  return findServerBinary(searchDirs);
}

/** The first `mariadbd` or `mysqld` on PATH, then in `searchDirs`. */
export function findServerBinary(searchDirs: readonly string[] = SERVER_SEARCH_DIRS): string {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...searchDirs]) {
    for (const name of SERVER_BINARY_NAMES) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new MissingDatabaseServerError(searchDirs);
}

const DATABASE_NAME = /^[a-z0-9_]+$/;

/** Creates database `name` if missing and returns its URL (`serverUrl` + '/' + name). */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const databaseUrl = urlForDatabase(serverUrl, name);
  await withConnection(serverUrl, (connection) =>
    connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  return databaseUrl;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  urlForDatabase(serverUrl, name);
  await withConnection(serverUrl, (connection) => connection.query(`DROP DATABASE IF EXISTS \`${name}\``));
}

/** Names of the databases on the server that start with `prefix` (e.g. other test runs' databases). */
export async function databasesStartingWith(serverUrl: string, prefix: string): Promise<string[]> {
  const [rows] = await withConnection(serverUrl, (connection) =>
    connection.query('SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?', [`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]),
  );
  return (rows as { name: string }[]).map((r) => r.name);
}

function urlForDatabase(serverUrl: string, name: string): string {
  if (!DATABASE_NAME.test(name)) {
    throw new Error(`Database name must match ${DATABASE_NAME} (lower-case letters, digits, _), but got: "${name}"`);
  }
  let parsed: URL;
  try {
    parsed = new URL(serverUrl);
  } catch {
    parsed = new URL('invalid:');
  }
  if (parsed.protocol !== 'mysql:') {
    throw new Error(`Server URL must be a mysql:// URL, but got: "${serverUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withConnection<T>(serverUrl: string, use: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection(serverUrl);
  try {
    return await use(connection);
  } finally {
    await connection.end();
  }
}

type Probe = { state: 'ready' } | { state: 'refused' } | { state: 'other'; error: Error & { code?: string } };

async function probe(port: number, connectTimeout: number): Promise<Probe> {
  try {
    const connection = await mysql.createConnection({
      host: '127.0.0.1',
      port,
      user: USER,
      password: PASSWORD,
      connectTimeout,
    });
    await connection.end();
    return { state: 'ready' };
  } catch (error) {
    const failure = error as Error & { code?: string };
    return failure.code === 'ECONNREFUSED' ? { state: 'refused' } : { state: 'other', error: failure };
  }
}

interface LocalFiles {
  parent: string;
  name: string;
  log: string;
  pid: string;
  socket: string;
  lock: string;
  initFile: string;
}

// Named after the data folder so two data folders can share a parent.
function localFiles(dataDir: string): LocalFiles {
  const parent = dirname(dataDir);
  const name = basename(dataDir);
  let socket = join(parent, `${name}.sock`);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
    socket = join(tmpdir(), `credit-mysql-${hash}.sock`);
  }
  return {
    parent,
    name,
    log: join(parent, `${name}.log`),
    pid: join(parent, `${name}.pid`),
    socket,
    lock: join(parent, `${name}.lock`),
    initFile: join(parent, `${name}-init.sql`),
  };
}

/**
 * Serialises initialisation and start between processes (parallel test runners, `npm start` twice).
 * A lock whose holder has died is taken over.
 */
async function acquireLock(lockPath: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    // An empty lock is normal for a moment (created, pid not yet written); one left empty for long is a crash.
    const abandoned = Number.isInteger(holder)
      ? !isAlive(holder)
      : Date.now() - ((await stat(lockPath).catch(() => null))?.mtimeMs ?? 0) > 10_000;
    if (abandoned) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Gave up waiting for ${lockPath} (held by pid ${Number.isInteger(holder) ? holder : 'unknown'}) after ` +
          `${LOCK_TIMEOUT_MS / 1000} s. If no other process is starting the local MySQL server, delete that file.`,
      );
    }
    await sleep(200);
  }
}

/**
 * Deals with what an earlier run left behind: a server of this data folder that is still starting (its
 * starter died) is waited for; a pid file or socket of a dead server is removed so the new one can start.
 */
async function adoptRunningServer(files: LocalFiles, dataDir: string, port: number): Promise<boolean> {
  const pid = Number.parseInt(await readFile(files.pid, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(pid) && isAlive(pid)) {
    const args = await commandLine(pid);
    const ours = args === null || args.includes(`--datadir=${dataDir}`);
    if (ours) {
      if (args !== null && !args.includes(`--port=${port}`)) {
        throw new Error(
          `A server for ${dataDir} is already running as pid ${pid} on another port than ${port}. ` +
            `Stop it (kill ${pid}) or use its port.`,
        );
      }
      try {
        await waitUntilReady(port, files.log, 0);
        return true;
      } catch {
        throw new Error(
          `A server for ${dataDir} is running as pid ${pid} but does not accept user ${USER} on ` +
            `127.0.0.1:${port}. Stop it (kill ${pid}) and try again; its log is ${files.log}.`,
        );
      }
    }
  }
  await rm(files.pid, { force: true });
  await rm(files.socket, { force: true });
  return false;
}

type Flavour = 'mariadb' | 'mysql';

async function detectFlavour(server: string): Promise<Flavour> {
  const { stdout } = await execFileAsync(server, ['--version']);
  return /mariadb/i.test(stdout) ? 'mariadb' : 'mysql';
}

// Root must say so explicitly: both servers refuse to run as root otherwise.
const asRoot = (): string[] => (process.getuid?.() === 0 ? ['--user=root'] : []);

async function initialiseDataDir(server: string, flavour: Flavour, dataDir: string, files: LocalFiles) {
  const entries = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) return;

  // Initialise a scratch folder and rename it into place: a run killed half-way through initialisation
  // then leaves only scratch (removed here next time), never a data folder that looks ready but is not.
  const scratchPrefix = `.${files.name}.init-`;
  for (const entry of await readdir(files.parent)) {
    if (entry.startsWith(scratchPrefix)) await rm(join(files.parent, entry), { recursive: true, force: true });
  }
  const scratch = join(files.parent, `${scratchPrefix}${process.pid}`);

  const [command, args] =
    flavour === 'mariadb'
      ? [
          findInstallDb(server),
          [
            '--no-defaults',
            `--datadir=${scratch}`,
            '--auth-root-authentication-method=normal',
            '--skip-test-db',
            ...asRoot(),
          ],
        ]
      : [server, ['--no-defaults', '--initialize-insecure', `--datadir=${scratch}`, ...asRoot()]];

  appendToLog(files.log, `initialising ${dataDir}: ${command} ${args.join(' ')}`);
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { maxBuffer: 16 * 1024 * 1024 });
    appendToLog(files.log, stdout + stderr);
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    appendToLog(files.log, `${failure.stdout ?? ''}${failure.stderr ?? ''}`);
    await rm(scratch, { recursive: true, force: true });
    throw new Error(
      `Initialising ${dataDir} with ${command} failed:\n${tail(`${failure.stdout ?? ''}${failure.stderr ?? ''}`)}`,
    );
  }
  await rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(scratch, dataDir);
}

function findInstallDb(server: string): string {
  const serverDir = dirname(server);
  const dirs = [
    serverDir,
    join(serverDir, '..', 'bin'),
    join(serverDir, '..', 'scripts'),
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
    '/usr/bin',
  ];
  for (const dir of dirs) {
    for (const name of ['mariadb-install-db', 'mysql_install_db']) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new Error(
    `Found ${server} but no mariadb-install-db to initialise its data folder. ` +
      'Install the full server with `apt-get install mariadb-server`.',
  );
}

async function startServer(
  server: string,
  flavour: Flavour,
  dataDir: string,
  port: number,
  files: LocalFiles,
): Promise<ChildProcess> {
  // Run at every start, so it must be idempotent; it also repairs a data folder whose user was dropped.
  await writeFile(
    files.initFile,
    [`'${USER}'@'127.0.0.1'`, `'${USER}'@'localhost'`]
      .flatMap((account) => [
        `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY '${PASSWORD}';`,
        `GRANT ALL PRIVILEGES ON *.* TO ${account} WITH GRANT OPTION;`,
      ])
      .join('\n') + '\n',
  );

  const args = [
    '--no-defaults',
    ...asRoot(),
    `--datadir=${dataDir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${files.socket}`,
    `--pid-file=${files.pid}`,
    `--init-file=${files.initFile}`,
    // Binary logs only cost disk here (MySQL 8 writes them by default).
    '--skip-log-bin',
    // Without this every new connection waits on a reverse DNS lookup, which hangs where there is no DNS.
    '--skip-name-resolve',
    '--innodb-buffer-pool-size=512M',
    // A development server may lose the last second of commits on a crash; tests run much faster.
    '--innodb-flush-log-at-trx-commit=2',
    '--max-connections=1000',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    // MariaDB's feedback plugin phones home when enabled; MySQL's X plugin would fight over port 33060.
    ...(flavour === 'mariadb' ? ['--loose-feedback=OFF'] : ['--mysqlx=OFF']),
  ];

  const logOffset = await stat(files.log).then((s) => s.size, () => 0);
  appendToLog(files.log, `starting ${server} ${args.join(' ')}`);
  const logFd = openSync(files.log, 'a');
  let child: ChildProcess;
  try {
    child = spawn(server, args, { detached: true, stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  child.unref();
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  spawnFailed.catch(() => {});

  try {
    await Promise.race([waitUntilReady(port, files.log, logOffset, child), spawnFailed]);
  } catch (error) {
    await stopServer(child);
    throw error;
  }
  return child;
}

async function waitUntilReady(port: number, log: string, logOffset: number, child?: ChildProcess) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(
        `The local MySQL server exited during start-up (${child.exitCode ?? child.signalCode}). ` +
          `End of ${log}:\n${await logTail(log, logOffset)}`,
      );
    }
    if ((await probe(port, 1_000)).state === 'ready') return;
    if (Date.now() > deadline) {
      throw new Error(
        `The local MySQL server did not accept connections on 127.0.0.1:${port} within ` +
          `${READY_TIMEOUT_MS / 1000} s. End of ${log}:\n${await logTail(log, logOffset)}`,
      );
    }
    await sleep(200);
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  if (await settlesWithin(exited, STOP_TIMEOUT_MS)) return;
  child.kill('SIGKILL');
  await exited;
  process.emitWarning(`The local MySQL server (pid ${child.pid}) ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s; killed it.`);
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's arguments, or null where /proc cannot tell (not Linux, or the process just exited). */
async function commandLine(pid: number): Promise<string[] | null> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return raw === null ? null : raw.split('\0');
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function appendToLog(log: string, text: string) {
  const fd = openSync(log, 'a');
  try {
    writeSync(fd, `--- ${new Date().toISOString()} ${text.trimEnd()}\n`);
  } finally {
    closeSync(fd);
  }
}

async function logTail(log: string, fromOffset: number): Promise<string> {
  const content = await readFile(log).catch(() => Buffer.alloc(0));
  return tail(content.subarray(fromOffset).toString('utf8'));
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));
