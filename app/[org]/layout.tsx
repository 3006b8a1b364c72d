import type { ReactNode } from "react";

import { Logo } from "@/components/shell/logo";
import { NavLinks } from "@/components/shell/nav-links";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { listUserOrganizations } from "@/lib/auth/membership";
import { requireMembership, requireUser } from "@/lib/auth/session";

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const [user, membership] = [await requireUser(), await requireMembership(org)];
  const orgs = await listUserOrganizations(user.id);
  return (
    <div className="md:flex md:min-h-dvh">
      <aside className="border-b border-zinc-200 bg-white md:sticky md:top-0 md:flex md:h-dvh md:w-60 md:shrink-0 md:flex-col md:border-r md:border-b-0">
        <div className="flex items-center justify-between gap-3 px-4 pt-4 md:block">
          <Logo />
        </div>
        <div className="space-y-3 px-4 py-3 md:flex-1">
          <OrgSwitcher current={membership.orgSlug} orgs={orgs.map((m) => m.org)} />
          <NavLinks orgSlug={membership.orgSlug} />
        </div>
        <div className="border-t border-zinc-200 px-4 py-3">
          <UserMenu name={user.name} email={user.email} orgSlug={membership.orgSlug} />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-8 md:py-8">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
