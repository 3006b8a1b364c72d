"use client";
import { useActionState } from "react";

import { FormError, Notice } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { RevealField } from "@/components/ui/reveal-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TActionResult } from "@/lib/auth/action-result";

type TAction = (prev: TActionResult<{ key: string; name: string }>, form: FormData) => Promise<TActionResult<{ key: string; name: string }>>;

export function CreateKeyForm({ action }: { action: TAction }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const fields = state.ok ? {} : (state.fields ?? {});
  return (
    <div className="space-y-3">
      {state.ok ? (
        <Notice tone="success">
          <p className="font-medium">Copy the key for “{state.data.name}” now: it will not be shown again.</p>
          <RevealField id="new-api-key" label="New API key" value={state.data.key} />
        </Notice>
      ) : null}
      <form action={formAction} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-start" noValidate>
        <TextField label="Key name" name="name" required placeholder="Website widget" defaultValue={state.ok ? "" : state.values?.name} error={fields.name} />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Creating…">Create API key</SubmitButton>
        </div>
      </form>
      {!state.ok && state.error && !fields.name ? <FormError message={state.error} /> : null}
    </div>
  );
}
