import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** `MYSQL_AUTO_INSTALL=off`: never install a database server; say how instead. */
export const AUTO_INSTALL_VARIABLE = 'MYSQL_AUTO_INSTALL';

export type InstallPlan =
  | { kind: 'install'; commands: string[][] }
  | { kind: 'manual'; reason: string };

export interface Machine {
  platform: NodeJS.Platform;
  /** The effective user id (0: root). */
  uid: number | undefined;
  /** /etc/os-release, or '' where there is none. */
  osRelease: string;
  hasAptGet: boolean;
  /** Whether `sudo -n` works without a password. */
  hasPasswordlessSudo: boolean;
  env: NodeJS.ProcessEnv;
}

const PACKAGE = 'mariadb-server';

/**
 * Whether this machine can get a MySQL-compatible server by itself, and how: Debian and Ubuntu, as root
 * (or with password-less sudo), through apt. Anything else gets a sentence saying why not; the caller
 * then tells the person how (MissingDatabaseServerError). Pure, so each case is tested.
 */
export function planServerInstall(machine: Machine): InstallPlan {
  if (machine.env[AUTO_INSTALL_VARIABLE] === 'off') return { kind: 'manual', reason: `${AUTO_INSTALL_VARIABLE}=off` };
  if (machine.platform !== 'linux') return { kind: 'manual', reason: `automatic installation covers Debian and Ubuntu only, and this is ${machine.platform}` };
  const ids = /^(?:ID|ID_LIKE)=(.*)$/gm;
  const family = [...machine.osRelease.matchAll(ids)].map((m) => m[1].replace(/"/g, '')).join(' ');
  if (!/\b(debian|ubuntu)\b/.test(family)) return { kind: 'manual', reason: 'automatic installation covers Debian and Ubuntu only' };
  if (!machine.hasAptGet) return { kind: 'manual', reason: 'apt-get was not found' };
  const asRoot = machine.uid === 0 ? [] : machine.hasPasswordlessSudo ? ['sudo', '-n'] : null;
  if (!asRoot) return { kind: 'manual', reason: 'installing needs root (or sudo without a password), and this is not' };
  return {
    kind: 'install',
    commands: [
      [...asRoot, 'apt-get', 'update'],
      // Only the binary is used: the tests and npm start run their own server from it, not the system service.
      [...asRoot, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', PACKAGE],
    ],
  };
}

export function thisMachine(env: NodeJS.ProcessEnv = process.env): Machine {
  const onPath = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
  return {
    platform: process.platform,
    uid: process.getuid?.(),
    osRelease: existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '',
    hasAptGet: onPath('apt-get'),
    hasPasswordlessSudo: process.getuid?.() !== 0 && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    env,
  };
}

/**
 * Installs the server as planned, saying each command before it runs and showing its output, so a
 * person sees what is done to their machine. Returns the reason when it cannot (or a command failed).
 */
export function installServer(plan: InstallPlan, say: (line: string) => void = (line) => console.error(line)): { installed: boolean; reason?: string } {
  if (plan.kind === 'manual') return { installed: false, reason: plan.reason };
  say(`No MySQL-compatible server on this machine: installing ${PACKAGE} (opt out with ${AUTO_INSTALL_VARIABLE}=off).`);
  for (const [command, ...args] of plan.commands) {
    say(`$ ${[command, ...args].join(' ')}`);
    try {
      // stdout to stderr too: `npm start` keeps its own stdout for the URLs it prints at the end.
      execFileSync(command, args, { stdio: ['ignore', 2, 2] });
    } catch (error) {
      return { installed: false, reason: `\`${[command, ...args].join(' ')}\` failed (${(error as Error).message.split('\n')[0]})` };
    }
  }
  return { installed: true };
}
