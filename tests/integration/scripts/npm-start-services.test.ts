// `npm start` leaves no service behind: when one fails at start, when it gets
// Ctrl-C or SIGTERM, and when it dies without a chance to stop them, every
// service ends and its port is free again.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { eventually } from "../../fixtures/worker-process";

const FIXTURE = path.resolve(import.meta.dirname, "../../fixtures/npm-start-services.mjs");

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    }).once("error", () => resolve(false));
  });

// A process counts as gone once it has exited, reaped or not: this machine's
// PID 1 may never reap an orphan's zombie.
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function startServices(names: string[], env: Record<string, string>) {
  const supervisor = spawn(process.execPath, [FIXTURE, ...names], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  supervisor.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  supervisor.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = new Promise<number | null>((resolve) => supervisor.once("exit", resolve));
  // npm start names each service's pid as it starts it: "» Started simulator (pid 123), worker (pid 456)."
  const pids = () =>
    eventually("the services' pids", async () => {
      const started = /Started (.+)\./.exec(output)?.[1];
      return started ? [...started.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1])) : undefined;
    });
  return { supervisor, exitCode, pids, output: () => output };
}

async function simulatorUp(port: number) {
  await eventually(`the simulator on port ${port}`, async () => ((await accepts(port)) ? true : undefined));
}

describe("npm start's services", () => {
  it("a service that exits with a configuration error stops the others: npm start exits 1, and no service and no port is left", async () => {
    const port = await freePort();
    const run = startServices(["simulator", "worker"], { SIMULATOR_PORT: String(port), MASTER_KEY: "not-a-master-key" });
    const pids = await run.pids();
    expect(await run.exitCode).toBe(1);
    expect(run.output()).toContain("worker exited (1)");
    expect(pids.filter(isRunning)).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
  });

  it("a service killed by a signal stops npm start too", async () => {
    const port = await freePort();
    const run = startServices(["simulator"], { SIMULATOR_PORT: String(port) });
    const [simulator] = await run.pids();
    await simulatorUp(port);
    process.kill(simulator!, "SIGKILL");
    expect(await run.exitCode).toBe(1);
    expect(run.output()).toContain("simulator exited (SIGKILL)");
    expect(await portIsFree(port)).toBe(true);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("on %s npm start stops every service, frees their ports and exits 0", async (signal) => {
    const port = await freePort();
    const run = startServices(["simulator"], { SIMULATOR_PORT: String(port) });
    const pids = await run.pids();
    await simulatorUp(port);
    run.supervisor.kill(signal);
    expect(await run.exitCode).toBe(0);
    expect(pids.filter(isRunning)).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
  });

  it("when npm start dies without stopping them (SIGKILL), its services stop on their own and free their ports", async () => {
    const port = await freePort();
    const run = startServices(["simulator"], { SIMULATOR_PORT: String(port) });
    const pids = await run.pids();
    await simulatorUp(port);
    run.supervisor.kill("SIGKILL");
    await run.exitCode;
    await eventually("the orphaned services to stop", async () => (pids.some(isRunning) ? undefined : true), 10_000);
    expect(await portIsFree(port)).toBe(true);
  });
});
