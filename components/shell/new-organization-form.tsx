"use client";
import { useActionState } from "react";

import { FormError } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TActionResult } from "@/lib/auth/action-result";

export function NewOrganizationForm({ action }: { action: (prev: TActionResult, form: FormData) => Promise<TActionResult> }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const fields = state.ok ? {} : (state.fields ?? {});
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} className="space-y-4" noValidate key={JSON.stringify(values)}>
      {!state.ok && !fields.name ? <FormError message={state.error} /> : null}
      <TextField label="Organization name" name="name" required defaultValue={values.name} error={fields.name} />
      <SubmitButton className="w-full" pendingLabel="Creating…">
        Create organization
      </SubmitButton>
    </form>
  );
}
