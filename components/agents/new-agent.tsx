"use client";
import { FormError } from "@/components/ui/feedback";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";

import type { TFormAction, TSavedProvider } from "./forms";
import { SavedProviderFields } from "./saved-provider-fields";

const FIELDS = ["name", "instructions", "credentialId", "model"];

// On success the action redirects to the new agent's AI Provider tab.
function NewAgentForm({ action, providers }: { action: TFormAction<{ slug: string }>; providers: TSavedProvider[] }) {
  const { formAction, formKey, fields, values, error } = useFormAction(action);
  const formError = FIELDS.some((f) => fields[f]) ? "" : error;
  return (
    <form action={formAction} className="space-y-4" noValidate key={formKey}>
      <FormError message={formError} />
      <TextField label="Name" name="name" required defaultValue={values.name} placeholder="Support assistant" error={fields.name} />
      <TextAreaField
        label="Instructions"
        name="instructions"
        required
        rows={5}
        defaultValue={values.instructions}
        placeholder="You answer questions about our product politely and briefly."
        hint="The system prompt: how the agent behaves, whatever provider answers."
        error={fields.instructions}
      />
      <SavedProviderFields label="Primary provider" providers={providers} credentialId={values.credentialId} model={values.model} errors={fields} />
      <p className="text-xs text-zinc-500">You add backups on the next screen. A new agent starts stopped.</p>
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Creating…">Create agent</SubmitButton>
      </div>
    </form>
  );
}

export function NewAgent({ action, providers }: { action: TFormAction<{ slug: string }>; providers: TSavedProvider[] }) {
  return (
    <Modal trigger="New agent" title="New agent" triggerVariant="primary" triggerSize="md">
      {() => <NewAgentForm action={action} providers={providers} />}
    </Modal>
  );
}
