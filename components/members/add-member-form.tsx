"use client";
import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError, Notice } from "@/components/ui/feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLES, ROLE_LABELS } from "@/lib/auth/permissions";
import type { TActionResult } from "@/lib/auth/action-result";

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function AddMemberForm({ action }: { action: (prev: TActionResult, form: FormData) => Promise<TActionResult> }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const fields = state.ok ? {} : (state.fields ?? {});
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start" noValidate key={JSON.stringify(values)}>
      <TextField label="Email" name="email" type="email" required defaultValue={values.email} error={fields.email} />
      <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue={values.role || "member"} error={fields.role} />
      <div className="sm:pt-6">
        <SubmitButton pendingLabel="Adding…">Add member</SubmitButton>
      </div>
      <div className="sm:col-span-3">
        {state.ok ? <Notice tone="success">Member added.</Notice> : null}
        {!state.ok && !fields.email && !fields.role ? <FormError message={state.error} /> : null}
      </div>
    </form>
  );
}
