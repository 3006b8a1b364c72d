// Runs in the worker: answers one turn through the failover engine, streams
// its text to the turn's Redis Stream as the providers write it, then settles
// it once in PostgreSQL (settle-turn.ts) and closes the stream.
import type { Span } from "@opentelemetry/api";
import type { Redis } from "ioredis";

import { parseRuntime } from "../agents/runtime";
import { createBuiltinToolbox, runTurn, type TCircuitStore, type TLink, type TTurnResult, ZBuiltinToolName } from "../failover";
import { countSettled, inTurnSpan, recordRun } from "../observability/turn-telemetry";
import { chat } from "../providers/chat";
import { classifyResult } from "../providers/error-map";
import { classifyError } from "../providers/provider-error";
import type { TTurnJob } from "../queue/names";
import { schemaPool } from "../schema-check/schema-pool";
import { parseCallerOptions, type TCallerOptions } from "./caller-options";
import { claimTurn } from "./claim-turn";
import { runtimeLinks } from "./runtime-links";
import { settleFailed, settleRan, type TTurnRef } from "./settle-turn";
import type { TTurnOutcome } from "./turn-outcome";
import { failedEnd, openTurnStream, readDelivered, type TDelivered, type TStreamEnd, type TTurnStreamWriter } from "./turn-stream";

export type TProcessDeps = {
  store: TCircuitStore;
  // Fail-fast connection for the turn streams: a write that cannot be made is reported, never awaited.
  streams: Redis;
  publish: (turnId: string) => Promise<unknown>;
  onStoreError?: (error: unknown) => void;
  onStreamError?: (error: unknown) => void;
};

const NOTHING_DELIVERED: TDelivered = { text: "", providers: [] };

// What an earlier run of this turn (whose worker died) already sent; a turn
// claimed for the first time has sent nothing, so only a resumed one asks
// Redis. When it cannot be read, nothing is assumed sent: the caller may see
// the start twice, which beats an answer with a hole in it.
async function delivered(deps: TProcessDeps, turnId: string, resumed: boolean): Promise<TDelivered> {
  if (!resumed) return NOTHING_DELIVERED;
  return readDelivered(deps.streams, turnId).catch((error: unknown) => {
    deps.onStreamError?.(error);
    return NOTHING_DELIVERED;
  });
}

// One run of a claimed turn: where its outcome goes, and the span that traces it.
type TRun = { deps: TProcessDeps; turn: TTurnRef; stream: TTurnStreamWriter; earlier: TDelivered; span: Span };

export function processTurn({ job, deps }: { job: TTurnJob; deps: TProcessDeps }) {
  return inTurnSpan(job, (span) => processInSpan({ job, deps, span }));
}

async function processInSpan({ job, deps, span }: { job: TTurnJob; deps: TProcessDeps; span: Span }) {
  const claim = await claimTurn(job);
  if (!claim) return { settled: false as const };
  const { scope, agent, history, ciphers, resumed, callerOptions } = claim;
  const turn = { id: job.turnId, ...scope };
  const earlier = await delivered(deps, turn.id, resumed);
  const stream = openTurnStream({ redis: deps.streams, turnId: turn.id, onError: (error) => deps.onStreamError?.(error) });
  const run: TRun = { deps, turn, stream, earlier, span };
  const runtime = parseRuntime(agent?.runtime);
  if (!agent || !runtime) return refuse(run, { outcome: "agent_not_running", message: "Agent is not running" });
  if (earlier.text === undefined)
    return refuse(run, { outcome: "stream_cut", message: "The answer was interrupted and its start is no longer known, so it cannot be continued" });
  const options = readOptions(callerOptions);
  if (options === "invalid") return refuse(run, { outcome: "bad_request", message: "The turn's tools and parameters could not be read" });
  const links = await runtimeLinks({ orgId: turn.orgId, runtime, ciphers });
  const tools = agent.tools.filter((t) => ZBuiltinToolName.safeParse(t).success) as Array<"current_time" | "calculator">;
  const started = performance.now();
  const result = await runTurn({
    links,
    // A caller's system text comes after the agent's instructions, never instead.
    system: [agent.instructions, options?.system].filter(Boolean).join("\n\n"),
    messages: history,
    tools: tools.length ? createBuiltinToolbox({ enabled: tools, clock: () => new Date() }) : undefined,
    callerTools: options?.tools,
    toolChoice: options?.toolChoice,
    responseFormat: options?.responseFormat,
    sampling: options?.sampling,
    budget: { turnMs: runtime.turnBudgetMs },
    onBreak: runtime.onBreak,
    resume: earlier.text || undefined,
    deps: {
      call: chat,
      classifyError,
      classifyResult,
      checkSchema: schemaPool().check,
      store: deps.store,
      now: Date.now,
      onStoreError: deps.onStoreError,
      onText: speakInto(stream, links),
    },
  });
  const latencyMs = Math.round(performance.now() - started);
  recordRun({ span, result, links });
  return finish(run, await settleRan({ turn, result, latencyMs, links }), ranEnd(result, earlier));
}

// The job boundary: the options were validated when the API stored them, and
// are parsed again here rather than trusted.
function readOptions(value: unknown): TCallerOptions | undefined | "invalid" {
  try {
    return parseCallerOptions(value);
  } catch {
    return "invalid";
  }
}

// Each link that starts speaking is announced first ("meta"), so the caller
// learns who produced the first token with the first byte.
function speakInto(stream: TTurnStreamWriter, links: TLink[]) {
  const announced = new Set<string>();
  return (text: string, link: TLink) => {
    if (!announced.has(link.linkId)) {
      announced.add(link.linkId);
      stream.meta({ provider: link.label, failedOver: link !== links[0] });
    }
    stream.text(text);
  };
}

// A turn the engine cannot run: settled failed, and its stream told why.
async function refuse(run: TRun, { outcome, message }: { outcome: TTurnOutcome; message: string }) {
  const settled = await settleFailed({ turn: run.turn, outcome, message });
  return finish(run, settled, failedEnd({ providers: run.earlier.providers, outcome, message }));
}

// Only the delivery that settled the turn ends its stream: the end is
// always the stored outcome.
async function finish({ deps, turn, stream, span }: TRun, settled: boolean, end: TStreamEnd) {
  if (settled) {
    countSettled(span, end.error?.outcome ?? "answered");
    await stream.end(end);
    await deps.publish(turn.id).catch(() => undefined);
  }
  return { settled: true as const };
}

function ranEnd(result: TTurnResult, earlier: TDelivered): TStreamEnd {
  // A reply of tool calls alone spoke no text, yet its link answered.
  const answering = result.ok ? [result.answeredBy] : [];
  const providers = [...new Set([...earlier.providers, ...[...result.contributors, ...answering].map((link) => link.label)])];
  const failedOver = (result.ok && result.failedOver) || providers.length > 1;
  if (result.ok) {
    const { usage, toolCalls, finishReason } = result.answer;
    return { ok: true, providers, failedOver, usage, error: null, toolCalls, finishReason };
  }
  const { outcome, status, message } = result.error;
  return { ok: false, providers, failedOver, usage: null, error: { outcome, status: status ?? null, message } };
}
