"use client";
import { useActionState } from "react";

import { FormError, Notice } from "@/components/ui/feedback";
import { SelectField, TextField } from "@/components/ui/field";
import { RevealField } from "@/components/ui/reveal-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TActionResult } from "@/lib/auth/action-result";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import type { TCreatedInvitation } from "@/lib/orgs/invitation-delivery";

const DAY = new Intl.DateTimeFormat("en", { dateStyle: "long" });

type TAction = (prev: TActionResult<TCreatedInvitation>, form: FormData) => Promise<TActionResult<TCreatedInvitation>>;

// With a mail server the link goes only to the invited address: the inviter
// never sees it, so an account made from it proves the address is its owner's.
function Delivery({ invitation }: { invitation: TCreatedInvitation }) {
  const until = DAY.format(invitation.expiresAt);
  if (invitation.delivery === "link") {
    return (
      <Notice tone="success">
        <p className="font-medium">Invitation ready. Email is not set up on this server: copy the link and send it to {invitation.email} yourself.</p>
        <p>
          The link works once, only for {invitation.email}, until {until}. It is not shown again.
        </p>
        <RevealField id="invitation-link" label="Invitation link" value={invitation.link} />
      </Notice>
    );
  }
  if (invitation.delivery === "not_sent") {
    return (
      <Notice tone="warning">
        <p className="font-medium">The email to {invitation.email} could not be sent.</p>
        <p>The invitation is listed below: press Resend there to try again once the mail server answers.</p>
      </Notice>
    );
  }
  return (
    <Notice tone="success">
      <p className="font-medium">Invitation sent. We emailed a link to {invitation.email}.</p>
      <p>
        It works once, only for {invitation.email}, until {until}.
      </p>
    </Notice>
  );
}

// `roles`: the roles this person may hand out.
export function InviteForm({ action, roles }: { action: TAction; roles: readonly TRole[] }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const fields = state.ok ? {} : (state.fields ?? {});
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <div className="space-y-3">
      {state.ok ? <Delivery invitation={state.data} /> : null}
      <form action={formAction} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start" noValidate key={JSON.stringify(values)}>
        <TextField label="Email" name="email" type="email" required defaultValue={values.email} error={fields.email} />
        <SelectField
          label="Role"
          name="role"
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          defaultValue={values.role || "member"}
          error={fields.role}
        />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Inviting…">Invite</SubmitButton>
        </div>
      </form>
      {!state.ok && !fields.email && !fields.role ? <FormError message={state.error} /> : null}
    </div>
  );
}
