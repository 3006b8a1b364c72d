"use client";
import { useActionState } from "react";

import { FormError, Notice } from "@/components/ui/feedback";
import { SelectField, TextField } from "@/components/ui/field";
import { RevealField } from "@/components/ui/reveal-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TActionResult } from "@/lib/auth/action-result";
import { ROLE_LABELS, type TRole } from "@/lib/auth/permissions";
import type { TCreatedInvitation } from "@/lib/orgs/invitations";

const DAY = new Intl.DateTimeFormat("en", { dateStyle: "long" });

type TAction = (prev: TActionResult<TCreatedInvitation>, form: FormData) => Promise<TActionResult<TCreatedInvitation>>;

function Delivery({ emailed, email }: { emailed: boolean | null; email: string }) {
  if (emailed === true) return <>We emailed it to {email}. You can also pass the link on yourself.</>;
  if (emailed === false) return <>The email to {email} could not be sent. Copy the link and send it yourself.</>;
  return <>Email is not set up on this server: copy the link and send it to {email} yourself.</>;
}

// `roles`: the roles this person may hand out.
export function InviteForm({ action, roles }: { action: TAction; roles: readonly TRole[] }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const fields = state.ok ? {} : (state.fields ?? {});
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <div className="space-y-3">
      {state.ok ? (
        <Notice tone={state.data.emailed === false ? "warning" : "success"}>
          <p className="font-medium">
            Invitation ready. <Delivery emailed={state.data.emailed} email={state.data.email} />
          </p>
          <p>
            The link works once, only for {state.data.email}, until {DAY.format(state.data.expiresAt)}. It is not shown again.
          </p>
          <RevealField id="invitation-link" label="Invitation link" value={state.data.link} />
        </Notice>
      ) : null}
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
