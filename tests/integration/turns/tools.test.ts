import { describe, expect, it } from "vitest";

import { setTools } from "@/lib/agents/set-tools";
import { db } from "@/lib/db/client";

import { createTenant } from "../../../prisma/factories";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";

const harness = useTurnHarness("tools");

describe("built-in tools", () => {
  it("an agent with the calculator enabled answers with the tool's result, keeping the tool steps in the history", async () => {
    const { org, agent, user } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    await setTools({ orgId: org.id, agentId: agent.id, userId: user.id }, { tools: ["calculator"] });
    const turn = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "calculate (2+3)*4" })).id);
    expect(turn).toMatchObject({ state: "answered", answeredBy: "OpenAI (simulated)" });
    expect(turn.answer).toContain("20");
    const roles = (await db.message.findMany({ where: { turnId: turn.id }, orderBy: { seq: "asc" } })).map((m) => m.role);
    expect(roles).toEqual(["user", "assistant", "tool", "assistant"]);
  });

  it("another organization cannot change an agent's tools", async () => {
    const { agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const other = await createTenant();
    await expect(setTools({ orgId: other.org.id, agentId: agent.id, userId: other.user.id }, { tools: ["calculator"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).tools).toEqual([]);
  });
});
