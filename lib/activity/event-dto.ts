// An event as the feed shows it, sentence already built, for the server's
// first page and the JSON the client fetches alike. Pure.
import { describeOutcome } from "../providers/describe-outcome";
import { toOutcomeClass } from "../providers/types";
import { describeEvent, EVENT_LABELS } from "./describe-event";
import { SEVERITIES, type TSeverity } from "./record-event";

export type TAttemptDto = { provider: string; model: string; outcome: string; status: number | null; latencyMs: number };

export type TEventDto = {
  id: string;
  type: string;
  label: string;
  severity: TSeverity;
  // ISO 8601 UTC, and the same instant as a person reads it (UTC too, so the
  // server's first page and the client's updates read alike).
  at: string;
  atLabel: string;
  sentence: string;
  attempts: TAttemptDto[];
  conversationHref: string | null;
};

type TEventSource = {
  id: string;
  type: string;
  severity: string;
  data: unknown;
  createdAt: Date;
  actorName: string | null;
  agent: { name: string; slug: string } | null;
};

const TIME = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const severity = (value: string): TSeverity => ((SEVERITIES as readonly string[]).includes(value) ? (value as TSeverity) : "info");
const text = (value: unknown) => (typeof value === "string" ? value : "?");
const int = (value: unknown) => (typeof value === "number" ? value : null);
// Links that were not called: why, rather than the outcome they stand for.
const SKIPPED: Record<string, string> = {
  circuit_open: "Skipped (circuit open)",
  no_images: "Skipped (reads text only)",
  key_unreadable: "Skipped (key could not be opened)",
  provider_deleted: "Skipped (saved provider deleted)",
  forced: "Made to fail by the drill (not called)",
};

function attempts(value: unknown): TAttemptDto[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw) => {
    const a = (raw ?? {}) as Record<string, unknown>;
    const status = int(a.status);
    return {
      provider: text(a.label),
      model: text(a.model),
      outcome: SKIPPED[String(a.skipped)] ?? describeOutcome(toOutcomeClass(a.outcome), status ?? undefined),
      status,
      latencyMs: int(a.latencyMs) ?? 0,
    };
  });
}

// A drill keeps one timeline per backup; the feed shows them one after the other.
function timelineOf(type: string, data: { attempts?: unknown; results?: unknown }): unknown {
  if (type !== "drill" || !Array.isArray(data.results)) return data.attempts;
  return data.results.flatMap((result: unknown) => {
    const own = (result ?? {}) as { attempts?: unknown };
    return Array.isArray(own.attempts) ? own.attempts : [];
  });
}

export function toEventDto(event: TEventSource, { orgSlug, showAgent }: { orgSlug: string; showAgent: boolean }): TEventDto {
  const data = (event.data ?? {}) as { attempts?: unknown; results?: unknown; conversationId?: unknown };
  const conversationId = typeof data.conversationId === "string" ? data.conversationId : null;
  return {
    id: event.id,
    type: event.type,
    label: EVENT_LABELS[event.type] ?? event.type,
    severity: severity(event.severity),
    at: event.createdAt.toISOString(),
    atLabel: `${TIME.format(event.createdAt)} UTC`,
    sentence: describeEvent({ type: event.type, data: event.data, actorName: event.actorName, agentName: showAgent ? (event.agent?.name ?? null) : null }),
    attempts: attempts(timelineOf(event.type, data)),
    conversationHref: event.agent && conversationId ? `/${orgSlug}/agents/${event.agent.slug}/chat?c=${encodeURIComponent(conversationId)}` : null,
  };
}
