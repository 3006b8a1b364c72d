"use client";
import { useEffect } from "react";

import { FormError } from "@/components/ui/feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFormAction } from "@/components/ui/use-form-action";
import { type TVendor, VENDORS } from "@/lib/providers/types";

import { BackupFields, type TBackupChoice } from "./backup-fields";
import type { TFormAction, TSavedProvider } from "./forms";
import { DEFAULT_LINK_TIMEOUTS, echoedTimeouts, LINK_TIMEOUT_FIELDS, linkTimeoutsInSeconds } from "./link-timeout-fields";

export type TBackupSetup = {
  action: TFormAction<{ position: number }>;
  saved: TSavedProvider[];
  // Vendors already in the chain; a new backup starts on the first other one.
  usedVendors: TVendor[];
  providersHref: string;
};

export type TCurrentBackup = { vendor: TVendor; label: string; model: string; firstTokenTimeoutMs: number; stallTimeoutMs: number; pasted: boolean };

const FIELDS = ["vendor", "credentialId", "apiKey", "baseUrl", "model", ...LINK_TIMEOUT_FIELDS];
const asVendor = (value: string | undefined): TVendor | undefined => VENDORS.find((v) => v === value);

function initialChoice(setup: TBackupSetup, values: Record<string, string>, current?: TCurrentBackup): TBackupChoice {
  const echoed = asVendor(values.vendor);
  if (echoed) {
    const { credentialId, model, baseUrl } = values;
    return { vendor: echoed, mode: values.mode === "api_key" ? "api_key" : "saved", credentialId, model, baseUrl, timeouts: echoedTimeouts(values) };
  }
  if (current) {
    // A saved provider's link is labelled with its (unique) name.
    const savedId = current.pasted ? undefined : setup.saved.find((p) => p.vendor === current.vendor && p.name === current.label)?.id;
    return {
      vendor: current.vendor,
      mode: current.pasted ? "api_key" : "saved",
      credentialId: savedId,
      model: current.model,
      timeouts: linkTimeoutsInSeconds(current),
    };
  }
  const vendor = VENDORS.find((v) => !setup.usedVendors.includes(v)) ?? VENDORS[0];
  return { vendor, mode: "saved", timeouts: DEFAULT_LINK_TIMEOUTS };
}

// "Set Backup Provider": sets the backup at `position`, or appends one when
// there is none. The pasted key is never echoed back, not even on an error.
export function BackupForm({ setup, position, current, onDone }: { setup: TBackupSetup; position?: number; current?: TCurrentBackup; onDone?: () => void }) {
  const { state, formAction, formKey, fields, values, error } = useFormAction(setup.action);
  useEffect(() => {
    if (state.ok) onDone?.();
  }, [state, onDone]);
  return (
    <form action={formAction} className="max-w-2xl space-y-4" noValidate key={formKey}>
      {position ? <input type="hidden" name="position" value={position} /> : null}
      <BackupFields initial={initialChoice(setup, values, current)} saved={setup.saved} providersHref={setup.providersHref} fields={fields} />
      <FormError message={FIELDS.some((f) => fields[f]) ? "" : error} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Set Backup Provider</SubmitButton>
      </div>
    </form>
  );
}
