"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, FormError } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";

const DAY = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

type TInvitation = { email: string; role: TRole; expiresAt: Date; inviterName: string | null };

export function InvitationRow({ invitation, revoke }: { invitation: TInvitation; revoke: (() => Promise<TActionResult>) | null }) {
  const { pending, error, run } = useActionRunner();
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between" aria-busy={pending || undefined}>
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-zinc-900">{invitation.email}</p>
        <p className="text-sm text-zinc-500">
          {invitation.inviterName ? `Invited by ${invitation.inviterName}, ` : ""}expires {DAY.format(invitation.expiresAt)}
        </p>
        {error ? (
          <div className="mt-2">
            <FormError message={error} />
          </div>
        ) : null}
      </div>
      <div className="flex items-center gap-2">
        <Badge>{ROLE_LABELS[invitation.role]}</Badge>
        {revoke ? (
          <ConfirmDialog
            trigger="Revoke"
            title={`Revoke the invitation for ${invitation.email}?`}
            confirmLabel="Revoke invitation"
            onConfirm={() => run(revoke)}
          >
            The link stops working at once. You can invite them again later.
          </ConfirmDialog>
        ) : null}
      </div>
    </li>
  );
}
