"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";

import { PersonRow } from "./person-row";

const DAY = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

type TInvitation = { email: string; role: TRole; expiresAt: Date; inviterName: string | null };

export function InvitationRow({ invitation, revoke }: { invitation: TInvitation; revoke: (() => Promise<TActionResult>) | null }) {
  const { pending, error, run } = useActionRunner();
  return (
    <PersonRow
      title={invitation.email}
      detail={`${invitation.inviterName ? `Invited by ${invitation.inviterName}, ` : ""}expires ${DAY.format(invitation.expiresAt)}`}
      pending={pending}
      error={error}
    >
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
    </PersonRow>
  );
}
