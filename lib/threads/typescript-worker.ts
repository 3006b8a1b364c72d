import { Worker } from "node:worker_threads";

// A thread running a TypeScript module. Workers run under tsx
// (`node --import tsx`), but Node 20 does not hand a thread its parent's
// loader hooks, so the thread registers tsx's own before it imports the
// module; under vitest, which has no tsx hooks, the same code works. The web
// process never starts one: it checks callers' schemas without running them.
const BOOT = `
const { workerData } = require("node:worker_threads");
import(workerData.tsx).then(({ register }) => {
  register();
  return import(workerData.entry);
});
`;

export function startTypescriptWorker(entry: URL): Worker {
  return new Worker(BOOT, { eval: true, workerData: { tsx: import.meta.resolve("tsx/esm/api"), entry: entry.href } });
}
