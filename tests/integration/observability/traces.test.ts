// One trace per turn: the API request's span, the worker's turn span (joined
// through the traceparent the turn's job carries) and one span per attempt,
// exported over OTLP/HTTP to a receiver in this process, which plays the web
// (its tracing started as instrumentation.ts starts it) beside a real worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { env } from "@/lib/env";
import type { TTracing } from "@/lib/observability/tracing";
import { tracingFromEnv } from "@/lib/observability/tracing-from-env";

import { agentApi } from "../../fixtures/agent-api";
import { startOtlpReceiver, type TReceivedSpan } from "../../fixtures/otlp-receiver";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";

const receiver = await startOtlpReceiver();
const tracingSettings = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "100" };
// This process plays the web (SERVICE_NAME "web" by default).
Object.assign(process.env, tracingSettings);
const harness = useTurnHarness("traces", { env: { SERVICE_NAME: "worker", ...tracingSettings } });

let tracing: TTracing | undefined;
beforeAll(async () => {
  tracing = await tracingFromEnv(env());
  expect(tracing).toBeDefined();
});
afterAll(async () => {
  await tracing?.shutdown();
  await receiver.close();
});

// The spans of one trace once `ready` holds for them.
function traceOf(traceId: () => string | undefined, ready: (spans: TReceivedSpan[]) => boolean) {
  return eventually("the trace's spans", async () => {
    const id = traceId();
    const spans = receiver.spans.filter((s) => s.traceId === id);
    return id && ready(spans) ? spans : undefined;
  });
}

describe("OpenTelemetry traces", () => {
  it("link the API request, the worker's turn and each attempt in one trace, with the failover as an event", async () => {
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-503" });
    const api = await agentApi(running);

    const response = await api.complete({});
    expect(response.status).toBe(200);

    const request = await eventually("the API request's span", async () =>
      receiver.spans.find((s) => s.name === "POST /api/v1/chat/completions" && s.attributes["http.response.status_code"] === 200),
    );
    const spans = await traceOf(
      () => request.traceId,
      (found) => found.filter((s) => s.service === "worker").length >= 3,
    );
    expect(request).toMatchObject({ service: "web", parentSpanId: null, attributes: { "http.route": "/api/v1/chat/completions" } });
    const turn = spans.find((s) => s.name === "turn")!;
    expect(turn).toMatchObject({ service: "worker", parentSpanId: request.spanId, attributes: { "understudy.outcome": "answered" } });
    const attempts = spans.filter((s) => s.parentSpanId === turn.spanId).sort((a, b) => a.startMs - b.startMs);
    expect(
      attempts.map((s) => [s.name, s.attributes["understudy.vendor"], s.attributes["understudy.outcome"], s.attributes["http.response.status_code"]]),
    ).toEqual([
      ["attempt openai", "openai", "overloaded", 503],
      ["attempt anthropic", "anthropic", "ok", undefined],
    ]);
    expect(attempts[0]!.attributes).toMatchObject({ "understudy.model": "gpt-4o-mini", "understudy.provider": "OpenAI (simulated)" });
    // The attempts lie inside the turn, one after the other.
    expect(attempts[0]!.startMs).toBeGreaterThanOrEqual(turn.startMs);
    expect(attempts[1]!.startMs).toBeGreaterThanOrEqual(attempts[0]!.endMs);
    expect(attempts[1]!.endMs).toBeLessThanOrEqual(turn.endMs);
    expect(turn.events).toEqual([
      { name: "failover", atMs: attempts[1]!.startMs, attributes: { from: "OpenAI (simulated)", to: "Anthropic (simulated)", reason: "overloaded" } },
    ]);
  }, 60_000);

  it("give a turn queued outside any request (no traceparent in its job) a trace of its own", async () => {
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const { id } = await sendTurn({ orgId: running.org.id, agentId: running.agent.id, text: "Hello" });
    expect((await settledTurn(id)).state).toBe("answered");

    const turn = await eventually("the turn's span", async () => receiver.spans.find((s) => s.name === "turn" && s.attributes["understudy.turn_id"] === id));
    expect(turn).toMatchObject({ service: "worker", parentSpanId: null });
    const spans = await traceOf(
      () => turn.traceId,
      (found) => found.length >= 2,
    );
    expect(spans.filter((s) => s.parentSpanId === turn.spanId).map((s) => [s.name, s.attributes["understudy.outcome"]])).toEqual([["attempt openai", "ok"]]);
  });
});
