"use client";
import { useActionState } from "react";

import { FormError } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TActionResult } from "@/lib/auth/action-result";

type TAction = (prev: TActionResult, form: FormData) => Promise<TActionResult>;

// `next`: where to go once signed in (an invitation, say).
export function SignInForm({ action, next }: { action: TAction; next?: string }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const fields = state.ok ? {} : (state.fields ?? {});
  const values = state.ok ? {} : (state.values ?? {});
  const formError = !state.ok && !fields.password && !fields.email ? state.error : undefined;
  return (
    <form action={formAction} key={JSON.stringify(values)} className="space-y-4" noValidate>
      <FormError message={formError} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField label="Email" name="email" defaultValue={values.email} type="email" autoComplete="email" required error={fields.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={fields.password} />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
