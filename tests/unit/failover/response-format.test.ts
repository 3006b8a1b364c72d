// A JSON response format: the answer is judged whole, so its text is held
// until it is, and an unusable one never reaches the caller.
import { describe, expect, it } from "vitest";

import { runTurn } from "@/lib/failover/run-turn";
import type { TRunTurnInput } from "@/lib/failover/types";
import type { TResponseFormat } from "@/lib/providers/types";

import { answerOf, makeDeps, makeLink, scriptedCall, type TStep, USER_MESSAGE } from "./fake-provider";
import { CALC_CALL, recordingToolbox } from "./tool-fixtures";

const links = [makeLink("primary"), makeLink("backup")];

const weather: TResponseFormat = {
  type: "json_schema",
  name: "weather",
  schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
};

function run(script: Record<string, TStep[]>, extra: Partial<TRunTurnInput> = {}) {
  const fake = scriptedCall(script);
  const heard: Array<{ text: string; linkId: string }> = [];
  const deps = makeDeps({ call: fake.call, onText: (text, link) => heard.push({ text, linkId: link.linkId }) });
  const pending = runTurn({ links, messages: [USER_MESSAGE], responseFormat: weather, deps, ...extra });
  return { fake, heard, pending };
}

describe("runTurn with a json_schema response format", () => {
  it("holds the text of an answer that breaks the schema, and the retry's valid JSON reaches the caller whole, once", async () => {
    const { fake, heard, pending } = run({
      primary: [
        { text: "", pieces: ['{"city":', " 42}"] },
        { text: "", pieces: ['{"city":', ' "Paris"}'] },
      ],
      backup: [],
    });
    const result = await pending;

    expect(heard).toEqual([{ text: '{"city": "Paris"}', linkId: "link-primary" }]);
    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" }, failedOver: false, spoken: '{"city": "Paris"}' });
    expect(result.attempts).toMatchObject([
      { outcome: "bad_output", message: 'The reply does not match the "weather" schema: /city must be string' },
      { outcome: "ok", corrective: true, delivered: 1 },
    ]);
    expect(result.attempts[0]?.delivered).toBeUndefined();
    expect(fake.requestsFor("primary")[1]?.system).toBe(
      'Your previous reply did not have the required format: the reply does not match the "weather" schema: /city must be string. ' +
        "Reply again in exactly that format.",
    );
    expect(result.newMessages).toEqual([{ role: "assistant", content: '{"city": "Paris"}' }]);
  });

  it("fails over after the retry also breaks the schema; the caller hears only the backup, which starts afresh", async () => {
    const { fake, heard, pending } = run({
      primary: [{ text: "", pieces: ["Sure! ", '{"city": "Paris"}'] }, { text: '{"town": "Paris"}' }],
      backup: [{ text: "", pieces: ['{"city": ', '"Lyon"}'] }],
    });
    const result = await pending;

    expect(heard).toEqual([{ text: '{"city": "Lyon"}', linkId: "link-backup" }]);
    expect(result).toMatchObject({
      ok: true,
      answeredBy: { linkId: "link-backup" },
      failedOver: true,
      spoken: '{"city": "Lyon"}',
      contributors: [{ linkId: "link-backup" }],
    });
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["bad_output", "bad_output", "ok"]);
    expect(result.attempts[0]?.message).toBe("The reply is not valid JSON");
    // Nothing reached the caller, so there is nothing to continue.
    expect(fake.requestsFor("backup")[0]).not.toHaveProperty("continueFrom");
  });

  it("a stream cut in the middle of held JSON leaves the caller nothing, and the backup is not asked to continue it", async () => {
    const { fake, heard, pending } = run({ primary: [{ fail: "stream_cut", pieces: ['{"ci'] }], backup: [{ text: '{"city": "Oslo"}' }] });
    const result = await pending;

    expect(heard).toEqual([{ text: '{"city": "Oslo"}', linkId: "link-backup" }]);
    expect(fake.requestsFor("backup")[0]).not.toHaveProperty("continueFrom");
    expect(result).toMatchObject({ ok: true, spoken: '{"city": "Oslo"}' });
  });

  it("when every link breaks the schema the caller hears nothing at all", async () => {
    const { heard, pending } = run({ primary: [{ text: "{}" }, { text: "{}" }], backup: [{ text: "[]" }, { text: "nope" }] });
    const result = await pending;

    expect(heard).toEqual([]);
    expect(result).toMatchObject({ ok: false, terminal: "all_failed", spoken: "", error: { outcome: "bad_output" } });
  });

  it("does not judge a tool-call reply by the format: the tool runs and the final text is judged", async () => {
    const { tools, runs } = recordingToolbox();
    const { heard, pending } = run({ primary: [{ text: "", toolCalls: [CALC_CALL] }, { text: '{"city": "Rome"}' }] }, { tools });
    const result = await pending;

    expect(runs).toEqual(["calculator"]);
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["ok", "ok"]);
    expect(heard.map((h) => h.text)).toEqual(['{"city": "Rome"}']);
  });
});

describe("runTurn with a JSON answer cut by the caller's max_tokens", () => {
  it("goes back to the caller as bad_request, with no retry and no failover: both would be cut at the same place", async () => {
    const { fake, heard, pending } = run({ primary: [{ text: '{"city":', finishReason: "length" }], backup: [] }, { sampling: { maxTokens: 3 } });
    const result = await pending;

    expect(result).toMatchObject({
      ok: false,
      terminal: "no_failover",
      error: { outcome: "bad_request", message: "The reply reached max_tokens before it was complete: The reply is not valid JSON. Raise max_tokens." },
    });
    expect(fake.requestsFor("primary")).toHaveLength(1);
    expect(heard).toEqual([]);
  });

  it("is an unusable answer as before when the cap was not the caller's", async () => {
    const { fake, pending } = run({ primary: [{ text: '{"city":', finishReason: "length" }, { text: '{"city": "Oslo"}' }], backup: [] });
    const result = await pending;

    expect(result).toMatchObject({ ok: true, answeredBy: { linkId: "link-primary" } });
    expect(result.attempts).toMatchObject([{ outcome: "bad_output" }, { outcome: "ok", corrective: true }]);
    expect(fake.requestsFor("primary")).toHaveLength(2);
  });
});

describe("runTurn with a json_object response format", () => {
  it("text that is not JSON is a bad output, corrected by the retry", async () => {
    const { heard, pending } = run({ primary: [{ text: "The answer is 14." }, { text: '{"answer": 14}' }] }, { responseFormat: { type: "json_object" } });
    const result = await pending;

    expect(result.attempts).toMatchObject([
      { outcome: "bad_output", message: "The reply is not valid JSON" },
      { outcome: "ok", corrective: true },
    ]);
    expect(heard.map((h) => h.text)).toEqual(['{"answer": 14}']);
    expect(answerOf(result).text).toBe('{"answer": 14}');
  });

  it("JSON that is not an object is a bad output", async () => {
    const { pending } = run({ primary: [{ text: "[14]" }, { text: "14" }], backup: [{ text: '{"answer": 14}' }] }, { responseFormat: { type: "json_object" } });
    const result = await pending;

    expect(result.attempts).toMatchObject([
      { outcome: "bad_output", message: "The reply is not a JSON object" },
      { outcome: "bad_output", corrective: true, message: "The reply is not a JSON object" },
      { outcome: "ok", linkId: "link-backup" },
    ]);
  });
});

describe("runTurn with a text response format", () => {
  it("streams each piece as it arrives, unjudged", async () => {
    const { heard, pending } = run({ primary: [{ text: "", pieces: ["not ", "JSON"] }] }, { responseFormat: { type: "text" } });
    const result = await pending;

    expect(heard.map((h) => h.text)).toEqual(["not ", "JSON"]);
    expect(result.attempts).toMatchObject([{ outcome: "ok", delivered: 2 }]);
  });
});
