import pg from "pg";
import { describe, expect, it } from "vitest";

import { query, statement } from "@/lib/db/statement";

import { eventually } from "../../fixtures/worker-process";

const BACKEND = statement<{ pid: number }>("test_backend_pid", "SELECT pg_backend_pid() AS pid");

async function asAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

const terminate = (pid: number) => asAdmin((admin) => admin.query("SELECT pg_terminate_backend($1)", [pid]));
const backendAlive = (pid: number) => asAdmin(async (admin) => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid])).rowCount === 1);

describe("prepared statements on the shared pool", () => {
  // Only statements run in this file, so Prisma never attaches its own
  // listener: an unhandled 'error' from the pool would fail the run.
  it("survive PostgreSQL closing an idle pooled connection; the next statement runs on a new one", async () => {
    const [before] = await query(BACKEND, []);
    await terminate(before!.pid);
    await eventually("the backend to be gone", async () => ((await backendAlive(before!.pid)) ? undefined : true), 5_000);
    const [after] = await query(BACKEND, []);
    expect(after!.pid).not.toBe(before!.pid);
  });
});
