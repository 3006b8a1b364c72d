// `npm start`'s Ctrl-C: every service is stopped, and one that does not
// stop on SIGTERM (a worker waiting for an unreachable Redis) is killed once
// the grace has passed, so npm start exits without leaving one behind.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

type TStopServices = (children: ChildProcess[], options: { graceMs: number }) => Promise<void>;
const services = path.resolve(import.meta.dirname, "../../../scripts/lib/services.mjs");
const { stopServices } = (await import(services)) as { stopServices: TStopServices };

const started: ChildProcess[] = [];
afterEach(() => started.splice(0).forEach((child) => child.kill("SIGKILL")));

// Resolves once the child runs its script (and so has its signal handlers).
async function service(script: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", `${script}; console.log("ready"); setInterval(() => {}, 1000);`], { stdio: ["ignore", "pipe", "ignore"] });
  started.push(child);
  await new Promise((resolve) => child.stdout!.once("data", resolve));
  return child;
}

describe("stopServices", () => {
  it("sends SIGTERM to each service, and kills one that ignores it once the grace has passed", async () => {
    const polite = await service(`process.on("SIGTERM", () => process.exit(0))`);
    const stuck = await service(`process.on("SIGTERM", () => {})`);
    await stopServices([polite, stuck], { graceMs: 500 });
    expect({ code: polite.exitCode, signal: polite.signalCode }).toEqual({ code: 0, signal: null });
    expect(stuck.signalCode).toBe("SIGKILL");
  });

  it("returns at once when every service has already exited", async () => {
    const gone = await service(`process.on("SIGTERM", () => process.exit(0))`);
    gone.kill("SIGTERM");
    await new Promise((resolve) => gone.once("exit", resolve));
    await stopServices([gone], { graceMs: 60_000 });
    expect(gone.exitCode).toBe(0);
  });
});
