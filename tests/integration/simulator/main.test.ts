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

  it("refuses a SIMULATOR_PORT that is not a port", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...process.env, SIMULATOR_PORT: "http" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(1);
  });
});
