import Link from "next/link";

import { SignOutButton } from "@/components/auth/sign-out-button";
import { Button } from "@/components/ui/button";
import { signOutEverywhere } from "@/lib/auth/session";

export function UserMenu({ name, email, orgSlug }: { name: string; email: string; orgSlug: string }) {
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-zinc-900">{name}</p>
          <p className="truncate text-xs text-zinc-500">{email}</p>
        </div>
        <SignOutButton />
      </div>
      <div className="flex items-center justify-between gap-2 text-xs">
        <Link href={`/${orgSlug}/account`} className="text-zinc-600 underline-offset-2 hover:underline">
          Account
        </Link>
        <form
          action={async () => {
            "use server";
            await signOutEverywhere();
          }}
        >
          <Button type="submit" variant="ghost" size="sm">
            Sign out everywhere
          </Button>
        </form>
      </div>
    </div>
  );
}
