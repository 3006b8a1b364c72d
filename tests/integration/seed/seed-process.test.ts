// `npm run db:seed` as npm start runs it: its own process, on a database
// that has only the migrations. The first seed hashes the demo password on
// a worker thread; an idle thread once kept the process alive after
// "Seeded…", so npm start never got to start the web app.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { adminQuery, applyMigrations, pgFields } from "../../../prisma/engine";

const root = path.resolve(import.meta.dirname, "../../..");
const EXIT_GUARD_MS = 60_000;

function runSeed(databaseUrl: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const guard = setTimeout(() => {
      output += `\n(still running after ${EXIT_GUARD_MS / 1000} s; killed)`;
      child.kill("SIGKILL");
    }, EXIT_GUARD_MS);
    child.on("exit", (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe("the seed script", () => {
  it("seeds an empty database and exits by itself, then seeds it again", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/understudy_seed_${randomBytes(4).toString("hex")}_test`;
    const fields = pgFields(url.href);
    await adminQuery(fields, `CREATE DATABASE "${fields.database}"`);
    try {
      await applyMigrations(url.href);
      for (const run of ["first", "second"]) {
        const { code, output } = await runSeed(url.href);
        expect({ run, code, output }).toEqual({ run, code: 0, output: expect.stringContaining('Seeded the demo organization "') });
      }
    } finally {
      await adminQuery(fields, `DROP DATABASE IF EXISTS "${fields.database}" WITH (FORCE)`);
    }
  }, 150_000);
});
