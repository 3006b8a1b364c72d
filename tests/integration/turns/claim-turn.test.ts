import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { claimTurn, IMAGE_MESSAGES_SENT } from "@/lib/turns/claim-turn";

import { createSavedProvider, createTenant } from "../../../prisma/factories";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent } from "../../fixtures/turns";

const harness = useTurnHarness("claim", { workers: 0 });

// A turn written straight to the database and never enqueued, so only the
// test claims it.
async function storedTurn() {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
  const { org, agent } = running;
  const conversation = await db.conversation.create({ data: { orgId: org.id, agentId: agent.id, source: "api", title: "claim" } });
  const earlier = await db.turn.create({ data: { orgId: org.id, agentId: agent.id, conversationId: conversation.id, state: "answered" } });
  const message = (turnId: string, role: string, content: string) =>
    db.message.create({ data: { orgId: org.id, conversationId: conversation.id, turnId, role, content } });
  await message(earlier.id, "user", "What is 2+2?");
  await message(earlier.id, "assistant", "4");
  const turn = await db.turn.create({ data: { orgId: org.id, agentId: agent.id, conversationId: conversation.id } });
  await message(turn.id, "user", "And 3+3?");
  return { ...running, conversation, turn };
}

describe("claiming a turn", () => {
  it("claims a queued turn with its stored scope, agent, history in order and only its chain's sealed keys", async () => {
    const { org, agent, conversation, turn, providers } = await storedTurn();
    // A saved provider the agent does not use: its key must not be read.
    await createSavedProvider({ orgId: org.id, name: "Unused", vendor: "openai", apiKey: "sim-ok~unused", defaultModel: "gpt-4o-mini" });

    const claim = await claimTurn({ turnId: turn.id, orgId: org.id });

    expect(claim?.scope).toEqual({ orgId: org.id, agentId: agent.id, conversationId: conversation.id });
    expect(claim?.agent).toMatchObject({ instructions: "Be brief.", tools: [] });
    expect(claim?.history).toEqual([
      { role: "user", content: "What is 2+2?" },
      { role: "assistant", content: "4" },
      { role: "user", content: "And 3+3?" },
    ]);
    expect([...claim!.ciphers.keys()].sort()).toEqual([providers.primary.id, providers.backup.id].sort());
    for (const cipher of claim!.ciphers.values()) expect(cipher).toMatch(/^v\d+:/);
    expect((await db.turn.findUniqueOrThrow({ where: { id: turn.id } })).state).toBe("running");
  });

  it("claims a running turn again (its worker died) but never a settled one", async () => {
    const { org, turn } = await storedTurn();
    expect(await claimTurn({ turnId: turn.id, orgId: org.id })).not.toBeNull();
    expect(await claimTurn({ turnId: turn.id, orgId: org.id })).not.toBeNull();
    await db.turn.update({ where: { id: turn.id }, data: { state: "answered" } });
    expect(await claimTurn({ turnId: turn.id, orgId: org.id })).toBeNull();
  });

  it("claims nothing through another organization and leaves the turn queued", async () => {
    const { turn } = await storedTurn();
    const { org: other } = await createTenant();
    expect(await claimTurn({ turnId: turn.id, orgId: other.id })).toBeNull();
    expect((await db.turn.findUniqueOrThrow({ where: { id: turn.id } })).state).toBe("queued");
  });

  it("keeps the images of the latest user messages that have them, and leaves older ones out", async () => {
    const { org, agent, conversation, turn } = await storedTurn();
    const image = (n: number) => [{ url: `https://example.com/${n}.png` }];
    const earlier = await db.turn.create({ data: { orgId: org.id, agentId: agent.id, conversationId: conversation.id, state: "answered" } });
    for (let n = 1; n <= IMAGE_MESSAGES_SENT + 1; n += 1) {
      await db.message.create({
        data: { orgId: org.id, conversationId: conversation.id, turnId: earlier.id, role: "user", content: `picture ${n}`, images: image(n) },
      });
    }
    await db.message.create({ data: { orgId: org.id, conversationId: conversation.id, turnId: turn.id, role: "user", content: "Which is best?" } });

    const claim = await claimTurn({ turnId: turn.id, orgId: org.id });
    const pictures = claim!.history.filter((m) => m.role === "user" && m.content.startsWith("picture"));
    // The oldest lost its image; the latest four kept theirs, in order.
    expect(pictures.map((m) => (m.role === "user" ? (m.images?.[0]?.url ?? null) : null))).toEqual([
      null,
      ...Array.from({ length: IMAGE_MESSAGES_SENT }, (_, i) => `https://example.com/${i + 2}.png`),
    ]);
  });
});
