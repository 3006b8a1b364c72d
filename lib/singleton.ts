// One instance per process of what must not be built twice (a pool, a
// connection, a cache). globalThis outlives the module reloads of Next's dev
// server, so a reload reuses the instance instead of opening another.
declare global {
  var understudySingletons: Map<string, unknown> | undefined;
}

export function singleton<T>(key: string, create: () => T): T {
  const instances = (globalThis.understudySingletons ??= new Map());
  if (!instances.has(key)) instances.set(key, create());
  return instances.get(key) as T;
}
