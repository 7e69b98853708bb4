import { describe, expect, it } from 'vitest';
import { installServer, planServerInstall, type Machine } from '../../scripts/lib/install-mysql.ts';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';
const machine = (over: Partial<Machine> = {}): Machine => ({ platform: 'linux', uid: 0, osRelease: DEBIAN, hasAptGet: true, hasPasswordlessSudo: false, env: {}, ...over });

describe('installing a database server on a fresh machine', () => {
  it('installs mariadb-server through apt on Debian or Ubuntu as root', () => {
    for (const osRelease of [DEBIAN, UBUNTU]) {
      expect(planServerInstall(machine({ osRelease }))).toEqual({
        kind: 'install',
        commands: [
          ['apt-get', 'update'],
          ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', 'mariadb-server'],
        ],
      });
    }
  });

  it('uses sudo -n where a non-root user has it without a password, and says why not otherwise', () => {
    const withSudo = planServerInstall(machine({ uid: 1000, hasPasswordlessSudo: true }));
    expect(withSudo.kind === 'install' && withSudo.commands[0]).toEqual(['sudo', '-n', 'apt-get', 'update']);
    expect(planServerInstall(machine({ uid: 1000 }))).toEqual({ kind: 'manual', reason: expect.stringMatching(/needs root/) });
  });

  it('does nothing when told not to, or off Debian and Ubuntu, or without apt', () => {
    expect(planServerInstall(machine({ env: { MYSQL_AUTO_INSTALL: 'off' } }))).toEqual({ kind: 'manual', reason: 'MYSQL_AUTO_INSTALL=off' });
    expect(planServerInstall(machine({ osRelease: FEDORA })).kind).toBe('manual');
    expect(planServerInstall(machine({ platform: 'darwin' })).kind).toBe('manual');
    expect(planServerInstall(machine({ hasAptGet: false }))).toEqual({ kind: 'manual', reason: 'apt-get was not found' });
  });

  it('says what it runs, and reports a command that fails', () => {
    const said: string[] = [];
    const result = installServer({ kind: 'install', commands: [['false']] }, (line) => said.push(line));
    expect(said).toEqual([expect.stringMatching(/installing mariadb-server \(opt out with MYSQL_AUTO_INSTALL=off\)/), '$ false']);
    expect(result).toEqual({ installed: false, reason: expect.stringMatching(/^`false` failed/) });
  });
});
