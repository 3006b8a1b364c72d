"use client";
import { useActionState } from "react";

import { FormError } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TActionResult } from "@/lib/auth/action-result";

type TAction = (prev: TActionResult, form: FormData) => Promise<TActionResult>;

export function ChangePasswordForm({ action }: { action: TAction }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const fields = state.ok ? {} : (state.fields ?? {});
  const formError = !state.ok && Object.keys(fields).length === 0 ? state.error : undefined;
  return (
    <form action={formAction} className="max-w-sm space-y-4" noValidate>
      <FormError message={formError} />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fields.currentPassword} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters. Every session ends, this one too; sign in again with the new password."
        error={fields.newPassword}
      />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
