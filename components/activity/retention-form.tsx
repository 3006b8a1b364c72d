"use client";
import { FormError, Notice } from "@/components/ui/feedback";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type TFormAction, useFormAction } from "@/components/ui/use-form-action";

// "Keep activity for N days": events older than that are deleted every night.
export function RetentionForm({ action, days, min, max }: { action: TFormAction; days: number; min: number; max: number }) {
  const { state, formAction, formKey, fields, values, error } = useFormAction(action);
  return (
    <form action={formAction} key={formKey} aria-label="Retention" className="flex flex-wrap items-end gap-3">
      <div className="w-48">
        <TextField
          label="Keep activity for (days)"
          name="retentionDays"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          required
          defaultValue={values.retentionDays ?? String(days)}
          error={fields.retentionDays}
        />
      </div>
      <SubmitButton size="sm" pendingLabel="Saving…">
        Save retention
      </SubmitButton>
      {state.ok ? (
        <div className="basis-full">
          <Notice tone="success">Saved. Events older than {days} days are deleted in the nightly clean-up.</Notice>
        </div>
      ) : null}
      {error && !fields.retentionDays ? (
        <div className="basis-full">
          <FormError message={error} />
        </div>
      ) : null}
    </form>
  );
}
