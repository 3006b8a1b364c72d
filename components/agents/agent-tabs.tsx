"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/components/ui/cn";

const TABS = [
  { segment: "", label: "Overview" },
  { segment: "/chat", label: "Chat" },
  { segment: "/provider", label: "AI Provider" },
  { segment: "/activity", label: "Activity" },
  { segment: "/api", label: "API" },
] as const;

export function AgentTabs({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Agent sections" className="flex overflow-x-auto sm:gap-1 border-b border-zinc-200">
      {TABS.map((tab) => {
        const href = `${base}${tab.segment}`;
        const active = pathname === href;
        return (
          <Link
            key={tab.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-2 py-2 sm:px-3 text-sm font-medium whitespace-nowrap transition-colors",
              active ? "border-brand-600 text-brand-700" : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
