import pg from "pg";
import { describe, expect, it } from "vitest";
import { query, statement } from "@/lib/db/statement";

const BACKEND = statement<{ pid: number }>("test_backend_pid", "SELECT pg_backend_pid() AS pid");

async function terminate(pid: number) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
  } finally {
    await admin.end();
  }
}

describe("prepared statements on the shared pool", () => {
  // Only statements run in this file, so Prisma never attaches its own
  // listener: an unhandled 'error' from the pool would fail the run.
  it("survive PostgreSQL closing an idle pooled connection; the next statement runs on a new one", async () => {
    const [before] = await query(BACKEND, []);
    await terminate(before!.pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [after] = await query(BACKEND, []);
    expect(after!.pid).not.toBe(before!.pid);
  });
});
