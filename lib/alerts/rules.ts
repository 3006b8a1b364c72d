// Which activity events open and resolve which incidents. Pure: the scan
// (scan-alerts.ts) reads the events and carries out what this returns.
import { circuitSubjectOf } from "../turns/circuit-key";

export const ALERT_RULES = ["all_failed", "needs_attention", "circuit", "failover_rate", "drill_failed"] as const;
export type TAlertRule = (typeof ALERT_RULES)[number];

export const RULE_LABELS: Record<TAlertRule, { title: string; description: string }> = {
  all_failed: { title: "All providers failed", description: "A turn got no answer from any provider of the chain. Resolved when the agent answers again." },
  needs_attention: {
    title: "A provider needs attention",
    description: "A provider rejected its key or ran out of quota. Resolved when it answers again or its health is reset.",
  },
  circuit: { title: "A circuit opened", description: "A provider failed often enough to be taken out of the chain for a while. Resolved when it recovers." },
  failover_rate: {
    title: "Failover rate above the threshold",
    description: "Over the last 5 minutes, more of an agent's turns failed over than the threshold allows.",
  },
  drill_failed: { title: "A failover drill failed", description: "A backup did not answer in a drill. Resolved by the agent's next drill that passes." },
};

export const DEFAULT_FAILOVER_RATE_PERCENT = 20;
export const FAILOVER_WINDOW_MS = 5 * 60_000;
// A rate over a handful of turns says little: the first turn of a quiet
// agent failing over would read as 100 %. Five settled turns in the window
// is the least that makes a rate worth waking someone for, and five failovers
// in a row on a busy agent still alert at once.
export const FAILOVER_MIN_TURNS = 5;

export function failoverRateAbove({ settled, failedOver, thresholdPercent }: { settled: number; failedOver: number; thresholdPercent: number }): boolean {
  return settled >= FAILOVER_MIN_TURNS && failedOver * 100 > thresholdPercent * settled;
}

export type TLinkRef = { credentialId: string; model: string };

// One incident per agent, rule and (for a provider rule) link may be open:
// this key, built only here, is what the unique index compares.
export function openKeyOf({ rule, agentId, link }: { rule: TAlertRule; agentId: string; link: TLinkRef | null }): string {
  return JSON.stringify([rule, agentId, link?.credentialId ?? null, link?.model ?? null]);
}

// What a message tells beyond the rule: the cause of a failure, the backups a
// drill found failing, the failover rate (set by the scan).
export type TIncidentDetail = { cause?: string; failedBackups?: string[]; failedOver?: number; settled?: number };

export type TFeedEvent = { id: string; orgId: string; agentId: string | null; type: string; data: unknown; createdAt: Date };

export type TRuleAction =
  | { kind: "open"; rule: TAlertRule; agentId: string; link: TLinkRef | null; label: string | null; detail: TIncidentDetail }
  // A provider's health is shared by every agent that uses the link, so its recovery resolves them all.
  | { kind: "resolve_link"; rules: TAlertRule[]; link: TLinkRef }
  | { kind: "resolve_agent"; rule: TAlertRule; agentId: string }
  | { kind: "check_failover_rate"; agentId: string };

const record = (data: unknown): Record<string, unknown> =>
  typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : null);

function linkOf(data: Record<string, unknown>): TLinkRef | null {
  const key = text(data.circuitKey);
  if (!key) return null;
  const link = circuitSubjectOf(key);
  return link.credentialId && link.model ? link : null;
}

// "rate_limited (429)", "auth": the outcome class with its status when there is one.
function causeOf(outcome: unknown, status: unknown): TIncidentDetail {
  const cause = text(outcome);
  if (!cause) return {};
  return { cause: typeof status === "number" ? `${cause} (${status})` : cause };
}

function failedBackups(results: unknown): string[] {
  if (!Array.isArray(results)) return [];
  return results.map(record).flatMap((r) => (r.ok === false && text(r.label) ? [`${String(r.label)}: ${text(r.outcome) ?? "failed"}`] : []));
}

const LINK_RULES: TAlertRule[] = ["needs_attention", "circuit"];

export function actionsFor(event: TFeedEvent): TRuleAction[] {
  const data = record(event.data);
  const agentId = event.agentId;
  const link = linkOf(data);
  const label = text(data.provider);
  const healthCause = causeOf(record(data.cause).outcome, record(data.cause).status);
  switch (event.type) {
    case "all_failed":
      return agentId ? [{ kind: "open", rule: "all_failed", agentId, link: null, label: null, detail: causeOf(data.outcome, data.status) }] : [];
    case "needs_attention":
      return agentId && link ? [{ kind: "open", rule: "needs_attention", agentId, link, label, detail: healthCause }] : [];
    case "provider_degraded":
      return agentId && link ? [{ kind: "open", rule: "circuit", agentId, link, label, detail: healthCause }] : [];
    case "provider_recovered":
    case "health_reset":
      return link ? [{ kind: "resolve_link", rules: LINK_RULES, link }] : [];
    case "failover":
      return agentId ? [{ kind: "check_failover_rate", agentId }] : [];
    case "drill":
      if (!agentId || typeof data.passed !== "boolean") return [];
      if (data.passed) return [{ kind: "resolve_agent", rule: "drill_failed", agentId }];
      return [{ kind: "open", rule: "drill_failed", agentId, link: null, label: null, detail: { failedBackups: failedBackups(data.results) } }];
    default:
      return [];
  }
}
