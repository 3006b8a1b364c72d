import { afterAll, describe, expect, it } from "vitest";

import { exportResponse } from "@/lib/activity/export-events";
import { exportLockKey } from "@/lib/activity/export-lock";
import { redis } from "@/lib/redis";

import { createAgentWithProviders } from "../../fixtures/agents";
import { createEvents } from "../../fixtures/data";

afterAll(() => redis.quit());

const start = (t: { user: { id: string }; org: { slug: string } }) =>
  exportResponse({ userId: t.user.id, orgSlug: t.org.slug, searchParams: new URLSearchParams() });

describe("one CSV export at a time per user", () => {
  it("refuses a second concurrent export with 429 and allows one again once the first has streamed", async () => {
    const t = await createAgentWithProviders();
    const other = await createAgentWithProviders();
    await createEvents({ orgId: t.org.id, agentId: t.agent.id, type: "all_failed", severity: "error", count: 30 });

    const first = await start(t);
    expect(first.status).toBe(200);
    expect(await redis.pttl(exportLockKey(t.user.id))).toBeGreaterThan(0);

    const second = await start(t);
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: { message: expect.stringMatching(/^An export is already running/) } });

    // The lock is the user's, not the server's: someone else exports meanwhile.
    const elsewhere = await start(other);
    expect(elsewhere.status).toBe(200);
    await elsewhere.text();

    expect((await first.text()).split("\n").filter(Boolean).length).toBeGreaterThan(30);
    expect(await redis.exists(exportLockKey(t.user.id))).toBe(0);
    const again = await start(t);
    expect(again.status).toBe(200);
    await again.text();
  });

  it("releases the lock when the reader goes away mid-export", async () => {
    const t = await createAgentWithProviders();
    const response = await start(t);
    expect(response.status).toBe(200);
    await response.body!.cancel();
    expect(await redis.exists(exportLockKey(t.user.id))).toBe(0);
    const again = await start(t);
    expect(again.status).toBe(200);
    await again.text();
  });
});
