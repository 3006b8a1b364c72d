import { describe, expect, it } from "vitest";

import { getConversation, MESSAGES_PAGE } from "@/lib/turns/conversations";

import { createAgentWithProviders } from "../../fixtures/agents";
import { insertLongConversation } from "../../fixtures/long-conversation";

describe("conversation pages", () => {
  it("opens a 5,000-turn conversation on its latest page of 50 and reads older pages in order", async () => {
    const t = await createAgentWithProviders();
    const conversation = await insertLongConversation({ orgId: t.org.id, agentId: t.agent.id, turns: 5000 });
    const open = (before?: number) => getConversation({ orgId: t.org.id, agentId: t.agent.id, conversationId: conversation.id, before });

    const latest = await open();
    expect(latest.messages).toHaveLength(MESSAGES_PAGE);
    expect(latest.messages.at(-1)?.content).toBe("Answer 5000");
    expect(latest.messages[0]?.content).toBe("Question 4976");
    expect(latest.turns).toHaveLength(MESSAGES_PAGE / 2);
    expect(latest.paged).toBe(false);
    expect(latest.earlier).not.toBeNull();

    const older = await open(latest.earlier ?? undefined);
    expect(older.paged).toBe(true);
    expect(older.messages[0]?.content).toBe("Question 4951");
    expect(older.messages.at(-1)?.content).toBe("Answer 4975");

    let page = older;
    for (let i = 0; i < 3 && page.earlier !== null; i++) page = await open(page.earlier);
    expect(page.messages[0]?.content).toBe("Question 4876");
    expect(page.messages).toHaveLength(MESSAGES_PAGE);
  });

  it("says there is nothing earlier for a short conversation, and shows it whole", async () => {
    const t = await createAgentWithProviders();
    const conversation = await insertLongConversation({ orgId: t.org.id, agentId: t.agent.id, turns: 3 });
    const view = await getConversation({ orgId: t.org.id, agentId: t.agent.id, conversationId: conversation.id });
    expect(view.messages.map((m) => m.content)).toEqual(["Question 1", "Answer 1", "Question 2", "Answer 2", "Question 3", "Answer 3"]);
    expect(view.earlier).toBeNull();
  });

  it("is not found from another organization, whatever page is asked for", async () => {
    const a = await createAgentWithProviders();
    const b = await createAgentWithProviders();
    const conversation = await insertLongConversation({ orgId: a.org.id, agentId: a.agent.id, turns: 60 });
    await expect(getConversation({ orgId: b.org.id, agentId: b.agent.id, conversationId: conversation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getConversation({ orgId: b.org.id, agentId: a.agent.id, conversationId: conversation.id, before: 1_000_000_000 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
