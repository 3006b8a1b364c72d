import { cn } from "@/components/ui/cn";
import type { TConversationView } from "@/lib/turns/conversations";

// Messages in order; under each answer that came from a backup, one line that
// says who answered and why (shown to members and above).
export function ConversationView({ conversation, showFailover }: { conversation: TConversationView; showFailover: boolean }) {
  const turns = new Map(conversation.turns.map((t) => [t.id, t]));
  const answered = new Set(conversation.messages.filter((m) => m.role === "assistant").map((m) => m.turnId));
  return (
    <ol className="space-y-4" aria-label="Messages">
      {conversation.messages.map((m) => {
        const turn = m.turnId ? turns.get(m.turnId) : undefined;
        const mine = m.role === "user";
        return (
          <li key={m.id} className={cn("flex flex-col", mine ? "items-end" : "items-start")}>
            <div className={cn("max-w-[85%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap", mine ? "bg-brand-600 text-white" : "border border-zinc-200 bg-white text-zinc-900")}>
              <span className="sr-only">{mine ? "You: " : "Agent: "}</span>
              {m.content}
            </div>
            {!mine && showFailover && turn?.failoverNote ? <p className="mt-1 text-xs text-amber-800">{turn.failoverNote}</p> : null}
            {mine && turn && !answered.has(turn.id) ? <TurnStatus state={turn.state} error={turn.errorMessage} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

function TurnStatus({ state, error }: { state: string; error: string | null }) {
  if (state === "failed") {
    return (
      <p role="alert" className="mt-2 max-w-[85%] self-start rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        The agent could not answer: {error ?? "every provider failed"}. Try again in a moment.
      </p>
    );
  }
  return (
    <p role="status" className="mt-2 self-start text-sm text-zinc-500">
      {state === "queued" ? "Waiting for a worker…" : "Thinking…"}
    </p>
  );
}
