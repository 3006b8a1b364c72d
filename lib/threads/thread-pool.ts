// Up to `threads` worker threads, each running one task at a time while the
// rest wait in line, and a time limit on every task: a thread still busy
// when it runs out is terminated (however it is stuck, a loop included) and
// a fresh one takes its place. Threads start when first needed; an idle one
// does not keep the process alive.
import type { Worker } from "node:worker_threads";

// What a thread posts once it has loaded, before its first task: the time
// limit starts when a thread takes a task, never while it boots.
export const THREAD_READY = "ready";

export class ThreadTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`The task took longer than ${limitMs} ms; its thread was stopped`);
    this.name = "ThreadTimeoutError";
  }
}

type TPending<TReply> = { task: unknown; resolve: (reply: TReply) => void; reject: (error: unknown) => void };
type TSlot<TReply> = { worker: Worker; ready: boolean; busy?: TPending<TReply>; timer?: NodeJS.Timeout };

export type TThreadPool<TTask, TReply> = { run: (task: TTask) => Promise<TReply>; close: () => Promise<void> };

export function createThreadPool<TTask, TReply>(options: { start: () => Worker; threads: number; timeoutMs: number }): TThreadPool<TTask, TReply> {
  const { start, threads, timeoutMs } = options;
  const slots: TSlot<TReply>[] = [];
  const queue: TPending<TReply>[] = [];

  function spawn() {
    const slot: TSlot<TReply> = { worker: start(), ready: false };
    slot.worker.on("message", (message: unknown) => {
      if (slot.ready) return settle(slot, (pending) => pending.resolve(message as TReply));
      slot.ready = message === THREAD_READY;
      pump();
      if (!slot.busy) slot.worker.unref();
    });
    slot.worker.on("error", (error) => drop(slot, error));
    slot.worker.on("exit", (code) => drop(slot, new Error(`A worker thread exited with code ${code}`)));
    // Booting, it keeps the process alive for the tasks waiting for it.
    slots.push(slot);
  }

  // A thread that died takes its task with it. One that died loading fails
  // the tasks waiting for it too: the next thread would load no better.
  function drop(slot: TSlot<TReply>, error: unknown) {
    if (!remove(slot)) return;
    const failed = slot.busy ? [slot.busy] : slot.ready ? [] : queue.splice(0);
    for (const pending of failed) pending.reject(error);
    pump();
  }

  function remove(slot: TSlot<TReply>): boolean {
    const index = slots.indexOf(slot);
    if (index < 0) return false;
    slots.splice(index, 1);
    clearTimeout(slot.timer);
    return true;
  }

  function settle(slot: TSlot<TReply>, outcome: (pending: TPending<TReply>) => void) {
    const done = slot.busy;
    slot.busy = undefined;
    clearTimeout(slot.timer);
    slot.worker.unref();
    if (done) outcome(done);
    pump();
  }

  function expire(slot: TSlot<TReply>) {
    const stuck = slot.busy;
    slot.busy = undefined;
    remove(slot);
    void slot.worker.terminate();
    stuck?.reject(new ThreadTimeoutError(timeoutMs));
    spawn();
    pump();
  }

  function dispatch(slot: TSlot<TReply>, pending: TPending<TReply>) {
    slot.busy = pending;
    slot.worker.ref();
    try {
      // Throws for a value it cannot copy (one nested too deep, say).
      slot.worker.postMessage(pending.task);
    } catch (error) {
      return settle(slot, (failed) => failed.reject(error));
    }
    slot.timer = setTimeout(() => expire(slot), timeoutMs);
  }

  function pump() {
    for (let slot = idle(); slot && queue.length > 0; slot = idle()) dispatch(slot, queue.shift()!);
    const booting = slots.filter((s) => !s.ready).length;
    for (let more = Math.min(threads - slots.length, queue.length - booting); more > 0; more -= 1) spawn();
  }

  const idle = () => slots.find((s) => s.ready && !s.busy);

  return {
    run: (task) =>
      new Promise<TReply>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        pump();
      }),
    async close() {
      const closing = slots.splice(0);
      const closed = new Error("The thread pool was closed");
      for (const pending of [...queue.splice(0), ...closing.flatMap((s) => (s.busy ? [s.busy] : []))]) pending.reject(closed);
      for (const slot of closing) clearTimeout(slot.timer);
      await Promise.all(closing.map((slot) => slot.worker.terminate()));
    },
  };
}
