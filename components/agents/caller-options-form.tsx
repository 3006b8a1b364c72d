"use client";
import { cn } from "@/components/ui/cn";
import { FormError, Notice } from "@/components/ui/feedback";
import { FieldError } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type TFormAction, useFormAction } from "@/components/ui/use-form-action";
import { CALLER_OPTION_LABEL, CALLER_SYSTEM_LABEL, CALLER_SYSTEM_POLICIES, type TCallerSystemPolicy } from "@/lib/agents/schemas";

export type TCallerOptions = { callerParams: boolean; callerSystem: TCallerSystemPolicy };

const PARAMS_HINT = "Off: a request with tools, tool_choice, response_format or sampling parameters is refused with a 400 naming the parameter.";
const SYSTEM_HINT = "Dropped keeps callers from replacing your instructions.";

function CallerParamsCheckbox({ checked }: { checked: boolean }) {
  return (
    <div className="flex items-start gap-2">
      <input
        id="callerParams"
        type="checkbox"
        name="callerParams"
        defaultChecked={checked}
        aria-describedby="callerParams-hint"
        className="mt-0.5 size-4 accent-brand-600"
      />
      <div>
        <label htmlFor="callerParams" className="block cursor-pointer text-sm font-medium text-zinc-800">
          {CALLER_OPTION_LABEL.callerParams}
        </label>
        <p id="callerParams-hint" className="text-xs text-zinc-500">
          {PARAMS_HINT}
        </p>
      </div>
    </div>
  );
}

function CallerSystemChoice({ checked, error }: { checked: string; error?: string }) {
  return (
    <fieldset aria-describedby={error ? "callerSystem-error" : "callerSystem-hint"}>
      <legend className="text-sm font-medium text-zinc-800">{CALLER_OPTION_LABEL.callerSystem}</legend>
      <p id="callerSystem-hint" className="text-xs text-zinc-500">
        {SYSTEM_HINT}
      </p>
      <div className="mt-1.5 space-y-2">
        {CALLER_SYSTEM_POLICIES.map((policy) => (
          <label
            key={policy}
            className={cn(
              "flex cursor-pointer items-start gap-2 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm",
              "has-checked:border-brand-500 has-checked:bg-brand-50",
            )}
          >
            <input
              type="radio"
              name="callerSystem"
              value={policy}
              defaultChecked={checked === policy}
              aria-invalid={error ? true : undefined}
              className="mt-0.5 accent-brand-600"
            />
            <span className="text-zinc-900">{CALLER_SYSTEM_LABEL[policy]}</span>
          </label>
        ))}
      </div>
      <FieldError name="callerSystem" error={error} className="mt-1.5" />
    </fieldset>
  );
}

// Both settings are read on every API request, so saving them needs no restart.
export function CallerOptionsForm({ action, current }: { action: TFormAction; current: TCallerOptions }) {
  const { state, formAction, formKey, fields, values, error } = useFormAction(action);
  const echoed = Object.keys(values).length > 0;
  return (
    <form action={formAction} key={formKey} className="max-w-2xl space-y-4" noValidate>
      <CallerParamsCheckbox checked={echoed ? values.callerParams === "on" : current.callerParams} />
      <CallerSystemChoice checked={echoed ? (values.callerSystem ?? "") : current.callerSystem} error={fields.callerSystem} />
      {state.ok ? <Notice tone="success">Saved. The next API request follows these settings; no restart needed.</Notice> : null}
      <FormError message={fields.callerSystem ? "" : error} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Save caller settings</SubmitButton>
      </div>
    </form>
  );
}
