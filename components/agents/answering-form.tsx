"use client";
import { cn } from "@/components/ui/cn";
import { FormError, Notice } from "@/components/ui/feedback";
import { FieldError, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type TFormAction, useFormAction } from "@/components/ui/use-form-action";
import { ANSWER_BREAK_LABEL, type TAnswerBreakPolicy, TURN_BUDGET_MINUTES } from "@/lib/agents/schemas";

export type TAnswering = { turnBudgetMs: number; onBreak: TAnswerBreakPolicy };

const TURN_BUDGET_HINT = "The longest one turn may take across all providers, streaming included.";
const BREAK_CHOICES: Array<{ value: TAnswerBreakPolicy; hint: string }> = [
  { value: "continue_on_backup", hint: "The next provider picks up the answer where it stopped; the person sees one answer." },
  { value: "end_with_error", hint: "The answer stops with an error the caller can see." },
];

function BreakPolicyChoice({ checked, error }: { checked: string; error?: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-800">When an answer breaks off</legend>
      <div className="mt-1.5 space-y-2">
        {BREAK_CHOICES.map((choice) => (
          <label
            key={choice.value}
            className={cn(
              "flex cursor-pointer items-start gap-2 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm",
              "has-checked:border-brand-500 has-checked:bg-brand-50",
            )}
          >
            <input
              type="radio"
              name="onBreak"
              value={choice.value}
              defaultChecked={checked === choice.value}
              aria-describedby={[`onBreak-${choice.value}-hint`, error ? "onBreak-error" : ""].join(" ").trim()}
              aria-invalid={error ? true : undefined}
              className="mt-0.5 accent-brand-600"
            />
            <span>
              <span className="block font-medium text-zinc-900">{ANSWER_BREAK_LABEL[choice.value]}</span>
              <span id={`onBreak-${choice.value}-hint`} className="block text-xs text-zinc-500">
                {choice.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
      <FieldError name="onBreak" error={error} className="mt-1.5" />
    </fieldset>
  );
}

// The turn budget and the break policy; both reach a running agent at its next restart.
export function AnsweringForm({ action, current }: { action: TFormAction; current: TAnswering }) {
  const { state, formAction, formKey, fields, values, error } = useFormAction(action);
  const echoed = Object.keys(values).length > 0;
  const fieldError = Boolean(fields.turnBudgetMinutes || fields.onBreak);
  return (
    <form action={formAction} key={formKey} className="max-w-2xl space-y-4" noValidate>
      <TextField
        label="Turn budget (minutes)"
        name="turnBudgetMinutes"
        type="number"
        inputMode="numeric"
        min={TURN_BUDGET_MINUTES.min}
        max={TURN_BUDGET_MINUTES.max}
        required
        className="sm:max-w-40"
        defaultValue={echoed ? values.turnBudgetMinutes : String(current.turnBudgetMs / 60_000)}
        hint={TURN_BUDGET_HINT}
        error={fields.turnBudgetMinutes}
      />
      <BreakPolicyChoice checked={echoed ? (values.onBreak ?? "") : current.onBreak} error={fields.onBreak} />
      {state.ok ? <Notice tone="success">Saved. The agent answers this way from its next start or restart.</Notice> : null}
      <FormError message={fieldError ? "" : error} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Saving…">Save answering</SubmitButton>
      </div>
    </form>
  );
}
