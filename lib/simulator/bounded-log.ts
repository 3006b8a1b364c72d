// Lists kept per key for the keys used most recently: what the timeline and
// the request log hold, so a busy simulator never grows without bound.

type TBoundedLog<T> = {
  // Appends to the key's list (dropping its oldest entry past `perKey`) and
  // makes the key the most recent one (dropping the least recent past `keys`).
  push(key: string, item: T): void;
  get(key: string): readonly T[] | undefined;
  clear(): void;
};

export function createBoundedLog<T>({ keys, perKey }: { keys: number; perKey: number }): TBoundedLog<T> {
  // Map order is insertion order: a key is re-inserted on every push, so the
  // first key is the one used least recently, the one to drop.
  const lists = new Map<string, T[]>();
  return {
    push(key, item) {
      const kept = [...(lists.get(key) ?? []), item].slice(-perKey);
      lists.delete(key);
      lists.set(key, kept);
      if (lists.size > keys) {
        const oldest = lists.keys().next();
        if (!oldest.done) lists.delete(oldest.value);
      }
    },
    get: (key) => lists.get(key),
    clear: () => lists.clear(),
  };
}
