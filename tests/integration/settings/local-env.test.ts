// A developer's .env holds legitimate local settings; the suite's result must
// not depend on it. Every test process gets every setting spelled out
// (tests/fixtures/test-env.ts), so the worker below, started where a .env
// with unusual values lies, runs on the test's settings.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { isolateQueues } from "../../fixtures/isolated-queues";
import { startWorker } from "../../fixtures/worker-process";

isolateQueues("local-env");
const dir = mkdtempSync(path.join(os.tmpdir(), "understudy-local-env-"));
writeFileSync(
  path.join(dir, ".env"),
  ["WORKER_CONCURRENCY=7", "CIRCUIT_FAILURE_THRESHOLD=100", "CIRCUIT_COOLDOWN_MS=999999", "ORG_MAX_TURNS_IN_FLIGHT=1", "QUEUE_PREFIX=from-dotenv", ""].join(
    "\n",
  ),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readyLine = (output: string) => output.split("\n").find((line) => line.includes("worker ready")) ?? "";

describe("a local .env", () => {
  it("changes nothing the tests set", async () => {
    expect(process.env.WORKER_CONCURRENCY).toBe("32");
    const worker = await startWorker({}, { cwd: dir });
    expect(JSON.parse(readyLine(worker.output()))).toMatchObject({ concurrency: 32 });
    expect(await worker.stop()).toBe(0);
  });

  it("is read by a worker started there, for a setting the test leaves out", async () => {
    const worker = await startWorker({ WORKER_CONCURRENCY: undefined }, { cwd: dir });
    expect(JSON.parse(readyLine(worker.output()))).toMatchObject({ concurrency: 7 });
    expect(await worker.stop()).toBe(0);
  });
});
