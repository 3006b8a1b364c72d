import { Worker } from "node:worker_threads";

import { AppError } from "../errors";

// argon2id costs about 0.2-0.3 s of CPU a call, so it runs on worker threads:
// the web process's event loop keeps serving pages and the agent API.
// The worker's code is a string, not a file: Next bundles lib/ and a worker
// file beside it would not be where a production build looks for it. The
// string only requires libsodium, which next.config keeps external.
const WORKER_SOURCE = `
const { parentPort, threadId } = require("node:worker_threads");
const sodium = require("libsodium-wrappers-sumo");
parentPort.on("message", async (task) => {
  try {
    await sodium.ready;
    const value = task.op === "hash"
      ? sodium.crypto_pwhash_str(task.password, sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE, sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE)
      : sodium.crypto_pwhash_str_verify(task.hash, task.password);
    parentPort.postMessage({ id: task.id, ok: true, value, threadId });
  } catch (error) {
    parentPort.postMessage({ id: task.id, ok: false, message: String(error && error.message || error), threadId });
  }
});
`;

type TPasswordTask = { op: "hash"; password: string } | { op: "verify"; hash: string; password: string };
type TReply = { id: number; ok: true; value: string | boolean; threadId: number } | { id: number; ok: false; message: string; threadId: number };
type TPending = { task: TPasswordTask & { id: number }; resolve: (reply: TReply) => void; reject: (error: Error) => void };
type TSlot = { worker: Worker; busy?: TPending };

export const busyError = () => new AppError("UNAVAILABLE", "Too many sign-ins right now. Try again in a moment.");

export type TPasswordPool = ReturnType<typeof createPasswordPool>;

// `threads` workers, each hashing one password at a time; at most `maxQueue`
// more wait their turn, and the next is refused at once with busyError().
// One client (an address) holds at most `maxPerClient` of those places, so
// a burst from one address cannot fill the pool and turn everyone else away.
export function createPasswordPool({ threads, maxQueue, maxPerClient }: { threads: number; maxQueue: number; maxPerClient: number }) {
  const slots: TSlot[] = [];
  const queue: TPending[] = [];
  const heldBy = new Map<string, number>();
  let nextId = 1;
  let submitted = 0;

  function spawn(): TSlot {
    const slot: TSlot = { worker: new Worker(WORKER_SOURCE, { eval: true }) };
    slot.worker.on("message", (reply: TReply) => finish(slot, (p) => p.resolve(reply)));
    slot.worker.on("error", (error) => {
      finish(slot, (p) => p.reject(error));
      slots.splice(slots.indexOf(slot), 1);
    });
    // After the listeners, which ref it: an idle worker must not keep a
    // script (the seed) from exiting; a busy one is ref'd while it works.
    slot.worker.unref();
    slots.push(slot);
    return slot;
  }

  function finish(slot: TSlot, settle: (p: TPending) => void) {
    const done = slot.busy;
    slot.busy = undefined;
    slot.worker.unref();
    if (done) settle(done);
    pump();
  }

  function pump() {
    while (queue.length > 0) {
      const slot = slots.find((s) => !s.busy) ?? (slots.length < threads ? spawn() : undefined);
      if (!slot) return;
      const next = queue.shift()!;
      slot.busy = next;
      slot.worker.ref();
      slot.worker.postMessage(next.task);
    }
  }

  // `client`: the address the work is for; the server's own work (the seed,
  // the decoy hash) has none and is not counted per client.
  async function run(task: TPasswordTask, client?: string): Promise<{ value: string | boolean; threadId: number }> {
    const running = slots.filter((s) => s.busy).length;
    if (running >= threads && queue.length >= maxQueue) throw busyError();
    const held = client === undefined ? 0 : (heldBy.get(client) ?? 0);
    if (held >= maxPerClient) throw busyError();
    if (client !== undefined) heldBy.set(client, held + 1);
    submitted += 1;
    try {
      const reply = await new Promise<TReply>((resolve, reject) => {
        queue.push({ task: { ...task, id: nextId++ }, resolve, reject });
        pump();
      });
      if (!reply.ok) throw new Error(`Password hashing failed: ${reply.message}`);
      return { value: reply.value, threadId: reply.threadId };
    } finally {
      if (client !== undefined) release(client);
    }
  }

  function release(client: string) {
    const held = (heldBy.get(client) ?? 1) - 1;
    if (held > 0) heldBy.set(client, held);
    else heldBy.delete(client);
  }

  return {
    run,
    // For tests and the benchmark: how many tasks were accepted so far.
    submitted: () => submitted,
    async close() {
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
