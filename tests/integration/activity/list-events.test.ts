import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decodeCursor, listEvents } from "@/lib/activity/list-events";
import { recordEvent } from "@/lib/activity/record-event";
import { createTenant } from "../../../prisma/factories";

async function addEvents(orgId: string, count: number, at?: Date) {
  for (let i = 0; i < count; i += 1) {
    await db.activityEvent.create({ data: { orgId, type: i % 2 ? "failover" : "chain_changed", severity: "info", data: { change: `#${i}` }, ...(at ? { createdAt: at } : {}) } });
  }
}

describe("activity feed", () => {
  it("pages newest first without skipping or repeating an event while new ones arrive", async () => {
    const { org } = await createTenant();
    // Same timestamp for many rows: the id breaks ties, so the cursor stays exact.
    await addEvents(org.id, 25, new Date(Date.now() - 60_000));
    await addEvents(org.id, 12);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listEvents({ orgId: org.id, cursor: decodeCursor(cursor), take: 10 });
      seen.push(...page.events.map((e) => e.id));
      await recordEvent(db, { orgId: org.id, agentId: null, type: "chain_changed", data: { change: "arrived meanwhile" } });
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(37);
    expect(new Set(seen).size).toBe(37);
  });

  it("filters by type", async () => {
    const { org } = await createTenant();
    await addEvents(org.id, 6);
    const { events } = await listEvents({ orgId: org.id, types: ["failover"] });
    expect(events.map((e) => e.type)).toEqual(["failover", "failover", "failover"]);
  });

  it("shows organization B none of A's events", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await addEvents(a.org.id, 3);
    expect((await listEvents({ orgId: b.org.id })).events).toEqual([]);
  });
});
