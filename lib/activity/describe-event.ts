// Every event as one sentence a person can read at a glance. Pure.
import { drillSentences, ZDrillData } from "../drills/drill-result";
import { VENDOR_CATALOG } from "../providers/catalog";
import { describeOutcome } from "../providers/describe-outcome";
import { toOutcomeClass, type TVendor, VENDORS } from "../providers/types";

type TData = Record<string, unknown>;
type TEventInput = { type: string; data: unknown; actorName: string | null; agentName: string | null };

const str = (v: unknown, fallback = "?") => (typeof v === "string" && v ? v : fallback);
const num = (v: unknown) => (typeof v === "number" ? v : null);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const vendorLabel = (v: unknown) => ((VENDORS as readonly string[]).includes(String(v)) ? VENDOR_CATALOG[v as TVendor].label : "provider");

function reason(data: TData) {
  if (data.reason === "circuit_open") return "skipped while its circuit was open";
  if (data.reason === "no_images") return "skipped, as its model reads text only and the conversation has images";
  if (data.reason === "key_unreadable") return "skipped, as its key could not be opened with the configured master key";
  if (data.reason === "provider_deleted") return "skipped, as its saved provider was deleted after the last restart";
  return lower(describeOutcome(toOutcomeClass(data.reason ?? data.outcome), num(data.status) ?? undefined));
}

function cause(value: unknown) {
  const c = (value ?? {}) as TData;
  return c.outcome ? lower(describeOutcome(toOutcomeClass(c.outcome), num(c.status) ?? undefined)) : "repeated failures";
}

const PROBED_BY: Record<string, (e: TEventInput) => string> = {
  prober: () => " after a background probe",
  manual: (e) => ` after a probe${e.actorName ? ` by ${e.actorName}` : ""}`,
};

// What the one corrective retry fixed, by the class of the first reply.
const REPAIRED: Record<string, string> = {
  bad_tool_call: "repaired a tool call",
  bad_output: "repaired its answer's format",
  empty: "answered after an empty reply",
};

// A saved provider's base URL, or the vendor's own endpoint when it has none.
const endpoint = (url: unknown) => (typeof url === "string" && url ? url : "the vendor's own endpoint");

const tokens = (n: unknown) => `${num(n) ?? 0} ${num(n) === 1 ? "token" : "tokens"}`;

// "Failover drill by Ann: Backup 1 (Anthropic) answered in 812 ms."
function drill(d: TData, e: TEventInput) {
  const parsed = ZDrillData.safeParse(d);
  const who = d.trigger === "daily" ? "Daily failover drill" : `Failover drill${e.actorName ? ` by ${e.actorName}` : ""}`;
  return `${who}: ${parsed.success ? drillSentences(parsed.data).join(" ") : "its result could not be read."}`;
}

const SENTENCES: Record<string, (d: TData, e: TEventInput) => string> = {
  failover: (d) =>
    d.continued
      ? `${str(d.to)} continued the answer after ${str(d.from)}'s stream broke off after ${tokens(d.delivered)}: ` +
        `${reason(d)}; answered in ${num(d.totalMs) ?? 0} ms.`
      : `Failed over from ${str(d.from)} to ${str(d.to)}: ${reason(d)}${d.corrected ? " (a corrective retry did not repair it)" : ""}, ` +
        `${num(d.lostMs) ?? 0} ms lost; answered in ${num(d.totalMs) ?? 0} ms.`,
  answer_repaired: (d) =>
    `${str(d.provider)} ${REPAIRED[String(d.outcome)] ?? "answered"} with one corrective retry: ${str(d.message, "the first reply was unusable")}.`,
  answer_broke_off: (d) => `${str(d.from)}'s answer broke off after ${tokens(d.delivered)} and was ended with an error, as the agent is set to: ${reason(d)}.`,
  all_failed: (d) => `All providers failed; the caller got the primary's error: ${reason(d)}.`,
  provider_degraded: (d) => `${str(d.provider)} degraded: its circuit opened after ${cause(d.cause)}; turns skip it until a probe succeeds.`,
  provider_recovered: (d, e) => `${str(d.provider)} recovered: its circuit closed${PROBED_BY[String(d.by)]?.(e) ?? ""}.`,
  health_reset: (d, e) => `${str(d.provider)} health reset${e.actorName ? ` by ${e.actorName}` : ""}: its circuit is closed and the cooldown cleared.`,
  needs_attention: (d) => `${str(d.provider)} needs attention: ${cause(d.cause)}. Replace the key or top up the quota.`,
  agent_started: (_d, e) => `Agent started${e.actorName ? ` by ${e.actorName}` : ""}.`,
  agent_restarted: (d, e) =>
    `Agent restarted${e.actorName ? ` by ${e.actorName}` : ""}${Array.isArray(d.next) ? `: now answering with ${d.next.join(" → ")}` : ""}.`,
  agent_stopped: (_d, e) => `Agent stopped${e.actorName ? ` by ${e.actorName}` : ""}.`,
  agent_error: (d) => `Agent could not start: ${str(d.message)}`,
  chain_changed: (d, e) => `${str(d.change, "Provider chain changed")}${e.actorName ? ` (by ${e.actorName})` : ""}.`,
  key_added: (d) => `API key ${str(d.hint)} added for ${vendorLabel(d.vendor)}.`,
  key_removed: (d) => `API key ${str(d.hint)} for ${vendorLabel(d.vendor)} destroyed.`,
  provider_url_changed: (d, e) =>
    `${str(d.provider)} now calls ${endpoint(d.to)} instead of ${endpoint(d.from)}${e.actorName ? `, changed by ${e.actorName}` : ""}; ` +
    `its key was entered again (${str(d.hint)}).`,
  drill,
};

export function describeEvent(event: TEventInput): string {
  const data = (event.data ?? {}) as TData;
  const sentence = SENTENCES[event.type]?.(data, event) ?? event.type.replaceAll("_", " ");
  return event.agentName ? `${event.agentName}: ${sentence}` : sentence;
}

export const EVENT_LABELS: Record<string, string> = {
  failover: "Failover",
  all_failed: "All providers failed",
  answer_broke_off: "Answer broke off",
  answer_repaired: "Answer repaired",
  provider_degraded: "Provider degraded",
  provider_recovered: "Provider recovered",
  needs_attention: "Needs attention",
  health_reset: "Health reset",
  agent_started: "Agent started",
  agent_restarted: "Agent restarted",
  agent_stopped: "Agent stopped",
  agent_error: "Agent error",
  chain_changed: "Configuration changed",
  key_added: "Key added",
  key_removed: "Key removed",
  provider_url_changed: "Base URL changed",
  drill: "Failover drill",
};
