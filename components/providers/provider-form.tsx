"use client";
import { useActionState, useEffect, useState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import { VENDOR_CATALOG } from "@/lib/providers/catalog";
import { VENDORS, type TVendor } from "@/lib/providers/types";
import type { TActionResult } from "@/lib/auth/action-result";

type TAction<T> = (prev: TActionResult<T>, form: FormData) => Promise<TActionResult<T>>;
const VENDOR_OPTIONS = VENDORS.map((v) => ({ value: v, label: VENDOR_CATALOG[v].label }));
const initial = { ok: false, error: "" } as const;

function useCloseOnSuccess<T>(state: TActionResult<T>, onDone: () => void) {
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
}

function fieldsOf<T>(state: TActionResult<T>) {
  return state.ok ? { fields: {} as Record<string, string>, values: {} as Record<string, string> } : { fields: state.fields ?? {}, values: state.values ?? {} };
}

function AdvancedBaseUrl({ vendor, error, defaultValue }: { vendor: TVendor; error?: string; defaultValue?: string }) {
  const required = VENDOR_CATALOG[vendor].baseUrlRequired;
  const hint = required ? "Required: the endpoint of your vLLM, Ollama, Groq, Together or proxy." : "Leave empty to use the vendor's own endpoint.";
  return (
    <details open={required || Boolean(error) || Boolean(defaultValue)} className="rounded-md border border-zinc-200 px-3 py-2">
      <summary className="cursor-pointer text-sm font-medium text-zinc-700">Advanced</summary>
      <div className="mt-3">
        <TextField label="Base URL" name="baseUrl" type="url" placeholder={VENDOR_CATALOG[vendor].defaultBaseUrl ?? "https://…/v1"} defaultValue={defaultValue} hint={hint} error={error} />
      </div>
    </details>
  );
}

export function AddProviderForm({ action, onDone }: { action: TAction<{ keyHint: string }>; onDone: () => void }) {
  const [state, formAction] = useActionState(action, initial);
  const { fields, values } = fieldsOf(state);
  const [vendor, setVendor] = useState<TVendor>((values.vendor as TVendor) || "openai");
  useCloseOnSuccess(state, onDone);
  const suggested = VENDOR_CATALOG[vendor].suggestedModel ?? "";
  return (
    <form action={formAction} className="space-y-4" noValidate key={JSON.stringify(values)}>
      {!state.ok && state.error && Object.keys(fields).length === 0 ? <FormError message={state.error} /> : null}
      <SelectField label="Vendor" name="vendor" options={VENDOR_OPTIONS} value={vendor} onChange={(e) => setVendor(e.target.value as TVendor)} error={fields.vendor} />
      <TextField label="Display name" name="name" required defaultValue={values.name} placeholder={`${VENDOR_CATALOG[vendor].label} production`} error={fields.name} />
      <TextField label="API key" name="apiKey" type="password" autoComplete="off" required hint="Stored encrypted. It is never shown again, only its last 4 characters." error={fields.apiKey} />
      <TextField key={vendor} label="Default model" name="defaultModel" required defaultValue={values.defaultModel || suggested} placeholder={suggested || "model id"} error={fields.defaultModel} />
      <AdvancedBaseUrl vendor={vendor} error={fields.baseUrl} defaultValue={values.baseUrl} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Save provider</SubmitButton>
      </div>
    </form>
  );
}

type TEditable = { vendor: TVendor; name: string; defaultModel: string; baseUrl: string | null };

export function EditProviderForm({ action, provider, onDone }: { action: TAction<void>; provider: TEditable; onDone: () => void }) {
  const [state, formAction] = useActionState(action, initial);
  const { fields, values } = fieldsOf(state);
  useCloseOnSuccess(state, onDone);
  return (
    <form action={formAction} className="space-y-4" noValidate key={JSON.stringify(values)}>
      {!state.ok && state.error && Object.keys(fields).length === 0 ? <FormError message={state.error} /> : null}
      <TextField label="Display name" name="name" required defaultValue={values.name ?? provider.name} error={fields.name} />
      <TextField label="Default model" name="defaultModel" required defaultValue={values.defaultModel ?? provider.defaultModel} error={fields.defaultModel} />
      <AdvancedBaseUrl vendor={provider.vendor} error={fields.baseUrl} defaultValue={values.baseUrl ?? provider.baseUrl ?? ""} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
      </div>
    </form>
  );
}

export function ReplaceKeyForm({ action, onDone }: { action: TAction<{ keyHint: string }>; onDone: () => void }) {
  const [state, formAction] = useActionState(action, initial);
  const fields = state.ok ? {} : (state.fields ?? {});
  useCloseOnSuccess(state, onDone);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {!state.ok && state.error && !fields.apiKey ? <FormError message={state.error} /> : null}
      <TextField label="New API key" name="apiKey" type="password" autoComplete="off" required hint="The current key is replaced at once and cannot be recovered." error={fields.apiKey} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Replacing…">Replace key</SubmitButton>
      </div>
    </form>
  );
}
