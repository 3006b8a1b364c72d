import Link from "next/link";

import { Badge } from "@/components/ui/feedback";
import type { TAttemptDto, TEventDto } from "@/lib/activity/event-dto";

const TONE = { info: "gray", warning: "amber", error: "red" } as const;

function Attempts({ attempts, href }: { attempts: TAttemptDto[]; href: string | null }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-brand-700">Attempts ({attempts.length})</summary>
      <ol className="mt-2 space-y-1 border-l-2 border-zinc-200 pl-3" aria-label="Attempts">
        {attempts.map((a, i) => (
          <li key={i} className="text-zinc-700">
            <span className="font-medium">{a.provider}</span> · {a.model} · {a.outcome} · {a.latencyMs} ms
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

export function EventItem({ event }: { event: TEventDto }) {
  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        <Badge tone={TONE[event.severity]}>{event.label}</Badge>
        <time dateTime={event.at}>{event.atLabel}</time>
      </div>
      <p className="mt-1 text-sm text-zinc-900">{event.sentence}</p>
      {event.attempts.length ? <Attempts attempts={event.attempts} href={event.conversationHref} /> : null}
    </li>
  );
}
