import Link from "next/link";

import { cn } from "@/components/ui/cn";
import { Card } from "@/components/ui/feedback";
import type { TDisplayStatus } from "@/lib/agents/get-agent";

import { StatusBadge } from "./status-badge";

type TAgentRow = {
  slug: string;
  name: string;
  displayStatus: TDisplayStatus;
  lastActivityAt: Date | null;
  chain: Array<{ position: number; label: string }>;
};

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

function Detail({ term, children, className }: { term: string; children: string; className?: string }) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="text-xs text-zinc-500">{term}</dt>
      <dd className="text-sm break-words text-zinc-800">{children}</dd>
    </div>
  );
}

export function AgentList({ orgSlug, agents }: { orgSlug: string; agents: TAgentRow[] }) {
  return (
    <Card>
      <ul className="divide-y divide-zinc-100" aria-label="Agents">
        {agents.map((agent) => {
          const primary = agent.chain.find((l) => l.position === 0);
          const backups = agent.chain.filter((l) => l.position > 0);
          return (
            <li key={agent.slug} aria-label={agent.name} className="flex flex-col gap-3 px-4 py-4 sm:px-5 lg:flex-row lg:items-center lg:gap-6">
              <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 lg:w-64 lg:shrink-0">
                <Link
                  href={`/${orgSlug}/agents/${agent.slug}`}
                  className="min-w-0 text-sm font-semibold break-words text-zinc-900 hover:text-brand-700 hover:underline"
                >
                  {agent.name}
                </Link>
                <StatusBadge status={agent.displayStatus} />
              </div>
              <dl className="grid min-w-0 flex-1 grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3">
                <Detail term="Primary">{primary?.label ?? "—"}</Detail>
                <Detail term={backups.length > 1 ? "Backups" : "Backup"}>{backups.map((b) => b.label).join(", ") || "None"}</Detail>
                <Detail term="Last activity" className="col-span-2 sm:col-span-1">
                  {agent.lastActivityAt ? dateTime.format(agent.lastActivityAt) : "—"}
                </Detail>
              </dl>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
