import { spawnSync } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

describe("the public API without its database", () => {
  it("answers 503 in OpenAI's error shape, telling the caller to try again", () => {
    // Nothing listens on port 1.
    const env = { ...process.env, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/unreachable" };
    const run = spawnSync(process.execPath, ["--import", "tsx", "tests/fixtures/api-without-database.ts"], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 30_000,
    });
    const line = run.stdout.split("\n").find((each) => each.startsWith("RESULT "));
    expect(JSON.parse(line?.slice("RESULT ".length) ?? "null")).toEqual({
      status: 503,
      contentType: "application/json",
      body: { error: { message: "The database is unavailable. Try again in a moment.", type: "server_error", param: null, code: "service_unavailable" } },
    });
  });
});
