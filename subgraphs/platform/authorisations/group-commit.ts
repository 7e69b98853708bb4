/**
 * Group commit: items written while a write is in flight wait for it, then all go in the next single
 * write. At low load an item is written at once (nothing waits for company); under load, N concurrent
 * requests' items cost one statement and one commit instead of N. Each caller's promise settles only
 * when the write holding its item has settled, so "resolved" still means "durable".
 */
export function groupCommit<T, R>(writeAll: (items: readonly T[]) => Promise<readonly R[]>, maxItemsPerWrite = 200): (item: T) => Promise<R> {
  const queue: { item: T; resolve(result: R): void; reject(error: unknown): void }[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxItemsPerWrite);
      try {
        const results = await writeAll(batch.map((waiting) => waiting.item));
        batch.forEach((waiting, i) => waiting.resolve(results[i]));
      } catch (error) {
        // One statement: nothing of the batch was stored, and every writer is told so.
        for (const waiting of batch) waiting.reject(error);
      }
    }
    writing = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
