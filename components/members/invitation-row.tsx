"use client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import type { TCreatedInvitation } from "@/lib/orgs/invitation-delivery";

import { PersonRow } from "./person-row";

const DAY = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

type TInvitation = { email: string; role: TRole; expiresAt: Date; inviterName: string | null; delivery: TCreatedInvitation["delivery"] };

// `resend`: a new emailed link in place of this one (offered while a mail
// server is set up, since the inviter never sees an emailed link).
export function InvitationRow({
  invitation,
  revoke,
  resend,
}: {
  invitation: TInvitation;
  revoke: (() => Promise<TActionResult>) | null;
  resend: (() => Promise<TActionResult<TCreatedInvitation>>) | null;
}) {
  const { pending, error, run } = useActionRunner();
  return (
    <PersonRow
      title={invitation.email}
      detail={`${invitation.inviterName ? `Invited by ${invitation.inviterName}, ` : ""}expires ${DAY.format(invitation.expiresAt)}`}
      pending={pending}
      error={error}
    >
      <div className="flex items-center gap-2">
        {invitation.delivery === "not_sent" ? <Badge tone="amber">Email not sent</Badge> : null}
        <Badge>{ROLE_LABELS[invitation.role]}</Badge>
        {resend ? (
          <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(resend)}>
            Resend
          </Button>
        ) : null}
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
