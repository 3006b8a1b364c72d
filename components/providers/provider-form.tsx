"use client";
import { useEffect, useState } from "react";

import { FormError } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type TFormAction as TAction, useFormAction } from "@/components/ui/use-form-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";
import type { TVendor } from "@/lib/providers/types";

import { AdvancedBaseUrl } from "./advanced-base-url";
import { ApiKeyField, VendorField } from "./provider-fields";

function useCloseOnSuccess<T>(state: TActionResult<T>, onDone: () => void) {
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
}

export function AddProviderForm({ action, onDone }: { action: TAction<{ keyHint: string }>; onDone: () => void }) {
  const { state, formAction, formKey, fields, values } = useFormAction(action);
  const [vendor, setVendor] = useState<TVendor>((values.vendor as TVendor) || "openai");
  useCloseOnSuccess(state, onDone);
  const suggested = VENDOR_CATALOG[vendor].suggestedModel ?? "";
  return (
    <form action={formAction} className="space-y-4" noValidate key={formKey}>
      {!state.ok && state.error && Object.keys(fields).length === 0 ? <FormError message={state.error} /> : null}
      <VendorField label="Vendor" value={vendor} onChange={setVendor} error={fields.vendor} />
      <TextField
        label="Display name"
        name="name"
        required
        defaultValue={values.name}
        placeholder={`${VENDOR_CATALOG[vendor].label} production`}
        error={fields.name}
      />
      <ApiKeyField required hint="Stored encrypted. It is never shown again, only its last 4 characters." error={fields.apiKey} />
      <TextField
        key={vendor}
        label="Default model"
        name="defaultModel"
        required
        defaultValue={values.defaultModel || suggested}
        placeholder={suggested || "model id"}
        error={fields.defaultModel}
      />
      <AdvancedBaseUrl vendor={vendor} error={fields.baseUrl} defaultValue={values.baseUrl} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Save provider</SubmitButton>
      </div>
    </form>
  );
}

type TEditable = { vendor: TVendor; name: string; defaultModel: string; baseUrl: string | null };

export function EditProviderForm({ action, provider, onDone }: { action: TAction<void>; provider: TEditable; onDone: () => void }) {
  const { state, formAction, formKey, fields, values } = useFormAction(action);
  useCloseOnSuccess(state, onDone);
  return (
    <form action={formAction} className="space-y-4" noValidate key={formKey}>
      {!state.ok && state.error && Object.keys(fields).length === 0 ? <FormError message={state.error} /> : null}
      <TextField label="Display name" name="name" required defaultValue={values.name ?? provider.name} error={fields.name} />
      <TextField label="Default model" name="defaultModel" required defaultValue={values.defaultModel ?? provider.defaultModel} error={fields.defaultModel} />
      <AdvancedBaseUrl vendor={provider.vendor} error={fields.baseUrl} defaultValue={values.baseUrl ?? provider.baseUrl ?? ""} />
      <ApiKeyField
        hint="Leave empty to keep the saved key. Needed when the base URL changes: the saved key is never sent to a new address."
        error={fields.apiKey}
      />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
      </div>
    </form>
  );
}

export function ReplaceKeyForm({ action, onDone }: { action: TAction<{ keyHint: string }>; onDone: () => void }) {
  const { state, formAction, fields } = useFormAction(action);
  useCloseOnSuccess(state, onDone);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {!state.ok && state.error && !fields.apiKey ? <FormError message={state.error} /> : null}
      <ApiKeyField label="New API key" required hint="The current key is replaced at once and cannot be recovered." error={fields.apiKey} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Replacing…">Replace key</SubmitButton>
      </div>
    </form>
  );
}
