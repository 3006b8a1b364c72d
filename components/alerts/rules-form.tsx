"use client";
import { FormError, Notice } from "@/components/ui/feedback";
import { FieldError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type TFormAction, useFormAction } from "@/components/ui/use-form-action";

type TRule = { value: string; title: string; description: string; enabled: boolean };

// One switch per rule, and the failover-rate threshold (admins and owners).
export function RulesForm({ action, rules, thresholdPercent }: { action: TFormAction; rules: TRule[]; thresholdPercent: number }) {
  const { state, formAction, formKey, fields, values, error } = useFormAction(action);
  return (
    <form action={formAction} key={formKey} aria-label="Alert rules" className="space-y-4" noValidate>
      <fieldset className="space-y-3">
        <legend className="sr-only">Rules</legend>
        {rules.map((rule) => (
          <div key={rule.value} className="flex items-start gap-3">
            <input
              id={`rule-${rule.value}`}
              type="checkbox"
              name="enabledRules"
              value={rule.value}
              defaultChecked={rule.enabled}
              aria-describedby={`rule-${rule.value}-hint`}
              className="mt-1 size-4 rounded border-zinc-300"
            />
            <div>
              <label htmlFor={`rule-${rule.value}`} className="text-sm font-medium text-zinc-900">
                {rule.title}
              </label>
              <p id={`rule-${rule.value}-hint`} className="text-xs text-zinc-500">
                {rule.description}
              </p>
            </div>
          </div>
        ))}
        <div className="w-56 space-y-1.5">
          <label htmlFor="failoverRatePercent" className="block text-sm font-medium text-zinc-800">
            Failover-rate threshold (%)
          </label>
          <input
            id="failoverRatePercent"
            name="failoverRatePercent"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            required
            defaultValue={values.failoverRatePercent ?? String(thresholdPercent)}
            aria-invalid={fields.failoverRatePercent ? true : undefined}
            aria-describedby={fields.failoverRatePercent ? "failoverRatePercent-error" : undefined}
            className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm"
          />
          <FieldError name="failoverRatePercent" error={fields.failoverRatePercent} />
        </div>
      </fieldset>
      <SubmitButton size="sm" pendingLabel="Saving…">
        Save rules
      </SubmitButton>
      {state.ok ? <Notice tone="success">Saved. Rules switched off open no new incidents.</Notice> : null}
      {error && !fields.failoverRatePercent ? <FormError message={error} /> : null}
    </form>
  );
}
