import Link from "next/link";
import { Fragment } from "react";

import { cn } from "@/components/ui/cn";
import type { TConversationView } from "@/lib/turns/conversations";

import { bubbleClass } from "./bubble";
import { LiveAnswer } from "./live-answer";

type TTurn = TConversationView["turns"][number];
const isPending = (turn: TTurn) => turn.state === "queued" || turn.state === "running";

// Messages in order; under each answer that came from a backup, one line that
// says who answered and why (shown to members and above). A turn still being
// answered shows its answer live, read from `${streamBase}/<turn>/stream`.
// One page of a long conversation at a time: "Earlier messages" opens the
// page before, "Latest messages" goes back (both links, so the keyboard and
// the back button work as anywhere).
export function ConversationView({
  conversation,
  href,
  showFailover,
  streamBase,
}: {
  conversation: TConversationView;
  href: string;
  showFailover: boolean;
  streamBase: string;
}) {
  const turns = new Map(conversation.turns.map((t) => [t.id, t]));
  const answered = new Set(conversation.messages.filter((m) => m.role === "assistant").map((m) => m.turnId));
  return (
    <div className="space-y-4">
      {conversation.earlier !== null ? <PageLink href={`${href}&before=${conversation.earlier}`}>Earlier messages</PageLink> : null}
      <Messages conversation={conversation} turns={turns} answered={answered} showFailover={showFailover} streamBase={streamBase} />
      {conversation.paged ? <PageLink href={href}>Latest messages</PageLink> : null}
    </div>
  );
}

function PageLink({ href, children }: { href: string; children: string }) {
  return (
    <Link href={href} scroll={false} className="block text-center text-sm text-zinc-600 underline underline-offset-2 hover:text-zinc-900">
      {children}
    </Link>
  );
}

type TMessagesProps = { conversation: TConversationView; turns: Map<string, TTurn>; answered: Set<string | null>; showFailover: boolean; streamBase: string };

function Messages({ conversation, turns, answered, showFailover, streamBase }: TMessagesProps) {
  return (
    <ol className="space-y-4" aria-label="Messages">
      {conversation.messages.map((m) => {
        const turn = m.turnId ? turns.get(m.turnId) : undefined;
        const mine = m.role === "user";
        const waiting = mine && turn && !answered.has(turn.id) ? turn : undefined;
        return (
          <Fragment key={m.id}>
            <li className={cn("flex flex-col", mine ? "items-end" : "items-start")}>
              <div className={bubbleClass(mine)}>
                <span className="sr-only">{mine ? "You: " : "Agent: "}</span>
                {m.content}
              </div>
              {!mine && showFailover && turn?.failoverNote ? <p className="mt-1 text-xs text-amber-800">{turn.failoverNote}</p> : null}
              {waiting?.state === "failed" ? <TurnFailed error={waiting.errorMessage} partial={waiting.partial} /> : null}
            </li>
            {waiting && isPending(waiting) ? (
              <LiveAnswer key={waiting.id} src={`${streamBase}/${waiting.id}/stream`} queued={waiting.state === "queued"} />
            ) : null}
          </Fragment>
        );
      })}
    </ol>
  );
}

// A turn that broke off mid-answer keeps the words the person already read.
function TurnFailed({ error, partial }: { error: string | null; partial: string | null }) {
  return (
    <>
      {partial ? (
        <div className={cn(bubbleClass(false), "mt-2 self-start")}>
          <span className="sr-only">Agent: </span>
          {partial}
        </div>
      ) : null}
      <p role="alert" className="mt-2 max-w-[85%] self-start rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        The agent could not answer: {error ?? "every provider failed"}. Try again in a moment.
      </p>
    </>
  );
}
