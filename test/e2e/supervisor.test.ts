import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/federation.ts';
import { supervise, type Supervised } from '../../scripts/lib/supervisor.ts';

// A part of the federation as the supervisor sees it: a process that serves on its port and says its pid.
const SERVER = "require('node:http').createServer((q, r) => r.end(String(process.pid))).listen(Number(process.env.PORT), '127.0.0.1')";

async function pidAt(port: number): Promise<number | null> {
  try {
    return Number(await (await fetch(`http://127.0.0.1:${port}/`)).text());
  } catch {
    return null;
  }
}

async function until<T>(probe: () => Promise<T | null>, accept: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const value = await probe();
    if (value !== null && accept(value)) return value;
    if (attempt > 300) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the supervisor under npm start', () => {
  const parts: Supervised[] = [];
  afterAll(async () => {
    await Promise.all(parts.map((p) => p.stop(2_000)));
  });

  it('restarts a killed part after its back-off, logging it, while the others keep answering', async () => {
    const logged: { level: string; message: string; details: any }[] = [];
    const logger = {
      error: (details: object, message: string) => logged.push({ level: 'error', message, details }),
      info: (details: object, message: string) => logged.push({ level: 'info', message, details }),
    };
    const ports = { tax: await freePort(), courts: await freePort() };
    for (const [name, port] of Object.entries(ports)) {
      parts.push(supervise({ name, logger, backoffMs: [200, 400], start: () => spawn(process.execPath, ['-e', SERVER], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' }) }));
    }
    const [tax, courts] = parts;
    const firstTax = await until(() => pidAt(ports.tax), (pid) => pid === tax.child.pid);
    const courtsPid = await until(() => pidAt(ports.courts), (pid) => pid === courts.child.pid);

    tax.child.kill('SIGKILL');
    // Courts answers, from the same process, while tax is down and coming back.
    expect(await pidAt(ports.courts)).toBe(courtsPid);
    const secondTax = await until(() => pidAt(ports.tax), (pid) => pid !== firstTax);
    expect(secondTax).toBe(tax.child.pid);
    expect(tax.restarts).toBe(1);
    expect(courts.restarts).toBe(0);
    expect(await pidAt(ports.courts)).toBe(courtsPid);

    expect(logged).toEqual([
      { level: 'error', message: 'tax exited; restarting it', details: expect.objectContaining({ part: 'tax', signal: 'SIGKILL', restartInMs: 200, failuresInARow: 1 }) },
      { level: 'info', message: 'tax restarted', details: expect.objectContaining({ part: 'tax', pid: secondTax, restarts: 1 }) },
    ]);
  });

  it('waits longer after each exit in a row, and stops restarting once stopped', async () => {
    const logged: any[] = [];
    const logger = { error: (details: any) => logged.push(details), info: () => {} };
    const failing = supervise({ name: 'failing', logger, backoffMs: [50, 100, 150], start: () => spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' }) });
    await until(async () => logged.length, (n) => n >= 3);
    await failing.stop();
    expect(logged.slice(0, 3).map((d) => [d.code, d.restartInMs])).toEqual([[3, 50], [3, 100], [3, 150]]);
    const restarts = failing.restarts;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(failing.restarts).toBe(restarts);
  });
});
