"use client";
import { useEffect } from "react";

import { FormError } from "@/components/ui/feedback";
import { Modal } from "@/components/ui/modal";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";

import type { TFormAction, TSavedProvider } from "./forms";
import { DEFAULT_LINK_TIMEOUTS, echoedTimeouts, LINK_TIMEOUT_FIELDS, LinkTimeoutFields, linkTimeoutsInSeconds } from "./link-timeout-fields";
import { SavedProviderFields } from "./saved-provider-fields";

type TCurrentPrimary = { credentialId?: string; model: string; firstTokenTimeoutMs: number; stallTimeoutMs: number };
const FIELDS = ["credentialId", "model", ...LINK_TIMEOUT_FIELDS];

function PrimaryForm({
  action,
  providers,
  current,
  onDone,
}: {
  action: TFormAction;
  providers: TSavedProvider[];
  current?: TCurrentPrimary;
  onDone: () => void;
}) {
  const { state, formAction, formKey, fields, values, error } = useFormAction(action);
  const echoed = Object.keys(values).length > 0;
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  return (
    <form action={formAction} className="space-y-4" noValidate key={formKey}>
      <SavedProviderFields
        label="Saved provider"
        providers={providers}
        credentialId={echoed ? values.credentialId : current?.credentialId}
        model={echoed ? values.model : current?.model}
        errors={fields}
      />
      <LinkTimeoutFields initial={echoed ? echoedTimeouts(values) : current ? linkTimeoutsInSeconds(current) : DEFAULT_LINK_TIMEOUTS} fields={fields} />
      <FormError message={FIELDS.some((f) => fields[f]) ? "" : error} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Save primary</SubmitButton>
      </div>
    </form>
  );
}

// In a dialog rather than inline: field ids follow field names, so only one
// form with a "Model" field may be on the page at a time.
export function ChangePrimary({ action, providers, current }: { action: TFormAction; providers: TSavedProvider[]; current?: TCurrentPrimary }) {
  return (
    <Modal trigger={current ? "Change primary" : "Set primary"} title="Primary provider">
      {(close) => <PrimaryForm action={action} providers={providers} current={current} onDone={close} />}
    </Modal>
  );
}
