import Link from "next/link";

import { cn } from "@/components/ui/cn";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function ConversationList({
  base,
  current,
  conversations,
}: {
  base: string;
  current?: string;
  conversations: Array<{ id: string; title: string; source: string; updatedAt: Date }>;
}) {
  return (
    <nav aria-label="Conversations" className="space-y-1">
      <Link href={base} className="block rounded-md px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50" aria-current={current ? undefined : "page"}>
        + New conversation
      </Link>
      {conversations.map((c) => (
        <Link
          key={c.id}
          href={`${base}?c=${c.id}`}
          aria-current={c.id === current ? "page" : undefined}
          className={cn("block rounded-md px-3 py-2 text-sm", c.id === current ? "bg-zinc-100 text-zinc-900" : "text-zinc-700 hover:bg-zinc-50")}
        >
          <span className="block truncate">{c.title}</span>
          <span className="block text-xs text-zinc-500">
            {c.source === "api" ? "API · " : ""}
            {time.format(c.updatedAt)}
          </span>
        </Link>
      ))}
    </nav>
  );
}
