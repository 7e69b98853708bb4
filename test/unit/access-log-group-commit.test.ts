import { describe, expect, it } from 'vitest';
import { storedByDeadline } from '../../subgraphs/platform/authorisations/access-log.ts';
import { groupCommit } from '../../subgraphs/platform/authorisations/group-commit.ts';

/** A store whose writes finish only when told to, recording what each write held. */
function heldStore() {
  const writes: number[][] = [];
  const finish: ((ok: boolean) => void)[] = [];
  const writeAll = (items: readonly number[]) => {
    writes.push([...items]);
    return new Promise<boolean[]>((resolve, reject) => finish.push((ok) => (ok ? resolve(items.map(() => true)) : reject(new Error('database gone')))));
  };
  return { writes, writeAll, finishNext: (ok = true) => finish.shift()!(ok) };
}

const settled = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: Error) => ({ error: error.message }));

describe('groupCommit', () => {
  it('writes the first item at once, and everything that arrives meanwhile in the next single write', async () => {
    const store = heldStore();
    const write = groupCommit(store.writeAll);
    const first = settled(write(1));
    const later = [2, 3, 4].map((n) => settled(write(n)));
    expect(store.writes).toEqual([[1]]);
    let done = false;
    void Promise.all(later).then(() => (done = true));
    store.finishNext();
    expect(await first).toEqual({ value: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.writes).toEqual([[1], [2, 3, 4]]);
    expect(done).toBe(false); // not stored yet, so not answered yet
    store.finishNext();
    expect(await Promise.all(later)).toEqual([{ value: true }, { value: true }, { value: true }]);
  });

  it('fails every item of a failed write, and carries on with the next', async () => {
    const store = heldStore();
    const write = groupCommit(store.writeAll);
    const first = settled(write(1));
    const [second, third] = [settled(write(2)), settled(write(3))];
    store.finishNext();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    store.finishNext(false);
    expect(await second).toEqual({ error: 'database gone' });
    expect(await third).toEqual({ error: 'database gone' });
    const fourth = settled(write(4));
    store.finishNext();
    expect(await fourth).toEqual({ value: true });
  });
});

describe('storedByDeadline', () => {
  const entries = [
    { rows: 2, deadline: 1_000 },
    { rows: 1 },
    { rows: 3, deadline: 3_000 },
    { rows: 1, deadline: 2_000 },
  ];
  it('reads which entries a deadline-guarded statement stored from the rows it inserted', () => {
    expect(storedByDeadline(entries, 7)).toEqual([true, true, true, true]);
    expect(storedByDeadline(entries, 5)).toEqual([false, true, true, true]); // the earliest deadline had passed
    expect(storedByDeadline(entries, 4)).toEqual([false, true, true, false]);
    expect(storedByDeadline(entries, 1)).toEqual([false, true, false, false]); // only the one without a deadline
  });
  it('reports entries in doubt as not stored', () => {
    expect(storedByDeadline(entries, 3)).toEqual([false, true, false, false]);
  });
});
