"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/components/ui/cn";

const SECTIONS = [
  { href: "agents", label: "Agents" },
  { href: "providers", label: "Providers" },
  { href: "activity", label: "Activity" },
  { href: "members", label: "Members" },
  { href: "settings", label: "Settings" },
] as const;

export function NavLinks({ orgSlug }: { orgSlug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto md:flex-col">
      {SECTIONS.map((s) => {
        const href = `/${orgSlug}/${s.href}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={s.href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
              active ? "bg-brand-50 text-brand-700" : "text-zinc-700 hover:bg-zinc-100",
            )}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
