import Link from "next/link";
import { Badge, Card, EmptyState } from "@/components/ui/feedback";
import { describeEvent, EVENT_LABELS } from "@/lib/activity/describe-event";
import { describeOutcome } from "@/lib/providers/describe-outcome";
import { OUTCOME_CLASSES, type TOutcomeClass } from "@/lib/providers/types";
import type { TEventRow } from "@/lib/activity/list-events";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });
const TONE = { info: "gray", warning: "amber", error: "red" } as const;

type TAttempt = { label: string; model: string; outcome: string; status: number | null; latencyMs: number; skipped: string | null };

function Attempts({ attempts, href }: { attempts: TAttempt[]; href: string | null }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-brand-700">Attempts ({attempts.length})</summary>
      <ol className="mt-2 space-y-1 border-l-2 border-zinc-200 pl-3" aria-label="Attempts">
        {attempts.map((a, i) => (
          <li key={i} className="text-zinc-700">
            <span className="font-medium">{a.label}</span> · {a.model} ·{" "}
            {a.skipped === "circuit_open" ? "skipped (circuit open)" : describeOutcome((OUTCOME_CLASSES as readonly string[]).includes(a.outcome) ? (a.outcome as TOutcomeClass) : "server_error", a.status ?? undefined)} ·{" "}
            {a.latencyMs} ms
          </li>
        ))}
      </ol>
      {href ? (
        <Link href={href} className="mt-2 inline-block text-brand-700 underline">
          Open the conversation
        </Link>
      ) : null}
    </details>
  );
}

export function EventList({ orgSlug, events, showAgent, olderHref }: { orgSlug: string; events: TEventRow[]; showAgent: boolean; olderHref: string | null }) {
  if (events.length === 0) {
    return <EmptyState title="No activity yet">Failovers, restarts and provider changes appear here as they happen, with what happened and why.</EmptyState>;
  }
  return (
    <div className="space-y-4">
      <Card>
        <ul className="divide-y divide-zinc-100" aria-label="Activity">
          {events.map((e) => {
            const data = (e.data ?? {}) as { attempts?: TAttempt[]; conversationId?: string };
            const href = e.agent && data.conversationId ? `/${orgSlug}/agents/${e.agent.slug}/chat?c=${data.conversationId}` : null;
            return (
              <li key={e.id} className="px-4 py-3">
                <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                  <Badge tone={TONE[e.severity as keyof typeof TONE] ?? "gray"}>{EVENT_LABELS[e.type] ?? e.type}</Badge>
                  <time dateTime={e.createdAt.toISOString()}>{time.format(e.createdAt)}</time>
                </div>
                <p className="mt-1 text-sm text-zinc-900">{describeEvent({ type: e.type, data: e.data, actorName: e.actorName, agentName: showAgent ? (e.agent?.name ?? null) : null })}</p>
                {Array.isArray(data.attempts) && data.attempts.length ? <Attempts attempts={data.attempts} href={href} /> : null}
              </li>
            );
          })}
        </ul>
      </Card>
      {olderHref ? (
        <Link href={olderHref} className="inline-block text-sm font-medium text-brand-700 underline">
          Older events
        </Link>
      ) : null}
    </div>
  );
}

export function TypeFilter({ current }: { current?: string }) {
  return (
    <form method="get" className="mb-4 flex items-end gap-2">
      <div>
        <label htmlFor="type" className="mb-1 block text-xs font-medium text-zinc-600">
          Event type
        </label>
        <select id="type" name="type" defaultValue={current ?? ""} className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm">
          <option value="">All events</option>
          {Object.entries(EVENT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="h-8 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50">
        Filter
      </button>
    </form>
  );
}
