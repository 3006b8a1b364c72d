// How the Anthropic adapter asks a model to continue a broken-off answer:
// by prefill, and by the instruction form on a model that refuses a prefill,
// within the same call. Over real HTTP against the simulator.
import { describe, expect, it } from "vitest";

import { CONTINUE_INSTRUCTION } from "@/lib/providers/continuation";

import { getJson, outcomeOf, request, uniqueKey, useSimulator } from "../simulator/sim-client";

const sim = useSimulator();

type TSentMessage = { role: string; content: unknown };
const sentMessages = async (key: string) =>
  (await getJson<Array<{ messages: TSentMessage[] }>>(`${sim.url}/_requests?key=${encodeURIComponent(key)}`)).map((body) => body.messages);
const textOf = (content: unknown) => (typeof content === "string" ? content : JSON.stringify(content));

const PARTIAL = "[openai:gpt-4o-mini] c1 c2 ";

describe("continuing on Anthropic", () => {
  it("a model that takes a prefill is asked once, with the partial answer as the last assistant message", async () => {
    const key = uniqueKey("sim-ok");
    const { outcome, result } = await outcomeOf(request(sim.url, "anthropic", key, { continueFrom: PARTIAL }));

    expect(outcome).toBe("ok");
    expect(result?.text).toBe("[anthropic:claude-3-5-haiku-latest] continues the answer.");
    const sent = await sentMessages(key);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.at(-1)?.role).toBe("assistant");
  });

  it("a model that refuses a prefill is asked again in the instruction form, and the call answers", async () => {
    const key = uniqueKey("sim-ok");
    const { outcome, result, error } = await outcomeOf(request(sim.url, "anthropic", key, { model: "claude-sonnet-4-6", continueFrom: PARTIAL }));

    expect(error).toBeUndefined();
    expect(outcome).toBe("ok");
    expect(result?.text).toBe("[anthropic:claude-sonnet-4-6] continues the answer.");
    const [refused, instructed] = await sentMessages(key);
    expect(refused?.at(-1)?.role).toBe("assistant");
    expect(instructed?.at(-2)).toMatchObject({ role: "assistant" });
    expect(textOf(instructed?.at(-2)?.content)).toContain(PARTIAL.trimEnd());
    expect(instructed?.at(-1)?.role).toBe("user");
    expect(textOf(instructed?.at(-1)?.content)).toContain(CONTINUE_INSTRUCTION);
  });

  it("a refusal of anything but a continuation stays the bad request it is", async () => {
    const key = uniqueKey("sim-400");
    const { outcome, error } = await outcomeOf(request(sim.url, "anthropic", key, { model: "claude-sonnet-4-6", continueFrom: PARTIAL }));
    expect(outcome).toBe("bad_request");
    expect(error?.status).toBe(400);
  });
});
