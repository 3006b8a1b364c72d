"use client";
import { useActionState } from "react";

import { FormError } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TActionResult } from "@/lib/auth/action-result";

type TAction = (prev: TActionResult, form: FormData) => Promise<TActionResult>;

// `invitation`: signing up from one, whose address is fixed.
export function SignUpForm({ action, invitation }: { action: TAction; invitation?: { email: string; token: string } }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const fields = state.ok ? {} : (state.fields ?? {});
  const values = state.ok ? {} : (state.values ?? {});
  const formError = !state.ok && Object.keys(fields).length === 0 ? state.error : undefined;
  return (
    <form action={formAction} key={JSON.stringify(values)} className="space-y-4" noValidate>
      <FormError message={formError} />
      <TextField label="Name" name="name" defaultValue={values.name} autoComplete="name" required error={fields.name} />
      {invitation ? (
        <>
          <input type="hidden" name="token" value={invitation.token} />
          <TextField label="Email" name="email" value={invitation.email} readOnly hint="The invitation is for this address." error={fields.email} />
        </>
      ) : (
        <TextField label="Email" name="email" defaultValue={values.email} type="email" autoComplete="email" required error={fields.email} />
      )}
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        error={fields.password}
      />
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}
