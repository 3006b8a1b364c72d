"use client";
import { FormError, Notice } from "@/components/ui/feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import { type TFormAction, useFormAction } from "@/components/ui/use-form-action";

const TOOLS = [
  { name: "current_time", label: "Current time", hint: "Tells the date and time." },
  { name: "calculator", label: "Calculator", hint: "Works out arithmetic exactly." },
] as const;

export function ToolsForm({ action, enabled, readOnly }: { action: TFormAction; enabled: string[]; readOnly: boolean }) {
  const { state, formAction, formKey, error } = useFormAction(action);
  return (
    <form action={formAction} key={formKey} className="space-y-3">
      <fieldset disabled={readOnly} className="space-y-2">
        <legend className="sr-only">Built-in tools</legend>
        {TOOLS.map((tool) => (
          <label key={tool.name} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="tools" value={tool.name} defaultChecked={enabled.includes(tool.name)} className="mt-0.5" />
            <span>
              <span className="font-medium text-zinc-900">{tool.label}</span> <span className="text-zinc-500">{tool.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {state.ok ? <Notice tone="success">Tools saved. They apply from the next message.</Notice> : null}
      {error ? <FormError message={error} /> : null}
      {readOnly ? null : <SubmitButton pendingLabel="Saving…">Save tools</SubmitButton>}
    </form>
  );
}
