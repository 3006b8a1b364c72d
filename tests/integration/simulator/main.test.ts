// `npm run simulator` as a real process: logs its URL, serves, stops on SIGTERM.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { getJson } from "./sim-client";

const MAIN = fileURLToPath(new URL("../../../lib/simulator/main.ts", import.meta.url));

describe("simulator entry point", () => {
  it("starts on SIMULATOR_PORT, logs one line with its URL and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, SIMULATOR_PORT: "0", SIMULATOR_HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [first] = (await once(lines, "line")) as [string];
      const { url } = JSON.parse(first) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await getJson(`${url}/_health`)).toEqual({ ok: true });

      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses a SIMULATOR_HOST off loopback with one line that names the flag, unless SIMULATOR_ALLOW_PUBLIC=true", async () => {
    const refused = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, SIMULATOR_PORT: "0", SIMULATOR_HOST: "0.0.0.0", SIMULATOR_ALLOW_PUBLIC: "" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    refused.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(refused, "exit") as Promise<[number | null]>;
    const stillUp = new Promise<["still running"]>((resolve) => setTimeout(() => resolve(["still running"]), 10_000));
    const [code] = await Promise.race([exited, stillUp]);
    if (refused.exitCode === null) refused.kill("SIGKILL");
    expect(code).toBe(1);
    const lines = output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect((JSON.parse(lines[0]!) as { msg: string }).msg).toBe(
      "SIMULATOR_HOST 0.0.0.0 is not a loopback address; the simulator stays on this machine unless SIMULATOR_ALLOW_PUBLIC=true",
    );

    // Said on purpose, it listens there (and is reached here through loopback).
    const allowed = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, SIMULATOR_PORT: "0", SIMULATOR_HOST: "0.0.0.0", SIMULATOR_ALLOW_PUBLIC: "true" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [first] = (await once(createInterface({ input: allowed.stdout }), "line")) as [string];
      const { port } = new URL((JSON.parse(first) as { url: string }).url);
      expect(await getJson(`http://127.0.0.1:${port}/_health`)).toEqual({ ok: true });
    } finally {
      allowed.kill("SIGTERM");
    }
  });

  it("refuses a SIMULATOR_PORT that is not a port", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, SIMULATOR_PORT: "http" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(1);
  });
});
