// A Chat-tab message takes from its organization's request allowance
// (ORG_API_RATE_LIMIT_PER_MINUTE, 3 here, set before the settings are read),
// the same one its API keys share: past it the Chat tab says when to send again.
import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";
import { runAgentAction } from "@/lib/auth/agent-action";
import { db } from "@/lib/db/client";
import { chatActionSpec } from "@/lib/turns/chat-message";

import { isolateQueues } from "../../fixtures/isolated-queues";
import { createRunningAgent } from "../../fixtures/turns";

process.env.ORG_API_RATE_LIMIT_PER_MINUTE = "3";
// No worker answers these turns: they stay queued under a prefix of their own.
isolateQueues("chat-rate-limit");

type TRunning = Awaited<ReturnType<typeof createRunningAgent>>;
const chat = (a: TRunning, message: string) =>
  runAgentAction({ userId: a.user.id, orgSlug: a.org.slug, agentSlug: a.agent.slug, input: { message }, ...chatActionSpec });

describe("Chat-tab messages in the organization's rate limit", () => {
  it("sends the minute's messages, then says when to send again; the organization's API keys share the allowance; another organization is not affected", async () => {
    const a = await createRunningAgent({ simulatorUrl: "http://127.0.0.1:9", primaryKey: "sim-ok" });
    for (const text of ["one", "two", "three"]) expect(await chat(a, text)).toMatchObject({ ok: true });

    const refused = await chat(a, "four");
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Your organization has sent 3 messages in the last minute \(the Chat tab and its API keys together\), the most it may\. Send this one again in (\d+ seconds?|1 minute)\.$/,
      ),
    });
    expect(await db.turn.count({ where: { agentId: a.agent.id } })).toBe(3);

    const { key } = await createApiKey({ orgId: a.org.id, agentId: a.agent.id, userId: a.user.id }, ZCreateApiKey.parse({ name: "Script" }));
    const request = new Request("http://app.test/api/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${key}` } });
    const apiRefusal = await authenticateRequest(request, { perMinute: 100 }).catch((e: unknown) => e);
    expect(apiRefusal).toBeInstanceOf(ApiError);
    expect((apiRefusal as ApiError).status).toBe(429);

    const b = await createRunningAgent({ simulatorUrl: "http://127.0.0.1:9", primaryKey: "sim-ok" });
    expect(await chat(b, "hello")).toMatchObject({ ok: true });
  });
});
