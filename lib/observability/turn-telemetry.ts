// What a worker tells Prometheus and OpenTelemetry about a turn. The engine
// stays free of both: its attempts (each with its start and latency) are
// turned into metrics and spans after the run.
import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

import type { TLink, TTurnResult } from "../failover";
import type { TTurnJob } from "../queue/names";
import { failoverSteps } from "../turns/turn-events";
import { metrics } from "./metrics";
import { contextOf } from "./trace-context";

const tracer = () => trace.getTracer("understudy");

// The turn's span, a child of the API request's when its job carries one.
// Its times are read from the wall clock, as the engine's attempts are
// (Date.now), so the attempts' spans sit inside it.
export function inTurnSpan<T>(job: TTurnJob, run: (span: Span) => Promise<T>): Promise<T> {
  const attributes = { "understudy.turn_id": job.turnId, "understudy.org_id": job.orgId };
  const options = { kind: SpanKind.CONSUMER, attributes, startTime: Date.now() };
  return tracer().startActiveSpan("turn", options, contextOf(job.traceparent), async (span) => {
    try {
      return await run(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end(Date.now());
    }
  });
}

// A turn settled by this process, once per turn: answered, or why it failed.
export function countSettled(span: Span, outcome: string) {
  metrics().turns.inc({ outcome });
  span.setAttribute("understudy.outcome", outcome);
  if (outcome !== "answered") span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
}

// Every call the run made, and every link it moved on from. A skipped link
// made no call: it has no latency to count, and its span is zero-length (so
// the waterfall still shows, in order, each link the turn passed over).
export function recordRun({ span, result, links }: { span: Span; result: TTurnResult; links: TLink[] }) {
  const vendorOf = new Map(links.map((link) => [link.linkId, link.target.vendor]));
  const { attemptSeconds, failovers } = metrics();
  const parent = trace.setSpan(ROOT_CONTEXT, span);
  for (const attempt of result.attempts) {
    const vendor = vendorOf.get(attempt.linkId) ?? "unknown";
    if (!attempt.skipped) attemptSeconds.observe({ vendor, outcome: attempt.outcome }, attempt.latencyMs / 1000);
    const attributes = {
      "understudy.vendor": vendor,
      "understudy.provider": attempt.label,
      "understudy.model": attempt.model,
      "understudy.outcome": attempt.outcome,
      "understudy.latency_ms": attempt.latencyMs,
      ...(attempt.status === undefined ? {} : { "http.response.status_code": attempt.status }),
      ...(attempt.skipped ? { "understudy.skipped": attempt.skipped } : {}),
      ...(attempt.corrective ? { "understudy.corrective": true } : {}),
    };
    const child = tracer().startSpan(`attempt ${vendor}`, { kind: SpanKind.CLIENT, startTime: attempt.startedAt, attributes }, parent);
    if (attempt.outcome !== "ok") child.setStatus({ code: SpanStatusCode.ERROR, message: attempt.outcome });
    child.end(attempt.startedAt + attempt.latencyMs);
  }
  for (const { from, to, reason } of failoverSteps(result.attempts)) {
    failovers.inc({ class: from.outcome, vendor: vendorOf.get(from.linkId) ?? "unknown" });
    span.addEvent("failover", { from: from.label, to: to.label, reason }, to.startedAt);
  }
}
