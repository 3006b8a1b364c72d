"use client";
import { useState } from "react";

import { FormError, Notice } from "@/components/ui/feedback";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { RevealField } from "@/components/ui/reveal-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type TFormAction, useFormAction } from "@/components/ui/use-form-action";

type TKind = "webhook" | "slack" | "email";
type TCreated = { name: string; kind: TKind; secret: string | null; unsent: string[] };

const KINDS: Array<{ value: TKind; label: string }> = [
  { value: "webhook", label: "Webhook (signed JSON)" },
  { value: "slack", label: "Slack incoming webhook" },
  { value: "email", label: "Email" },
];

const URL_HINTS: Record<Exclude<TKind, "email">, string> = {
  webhook: "We POST a JSON body signed with a secret shown once after saving. Public addresses only.",
  slack: "From Slack: Apps › Incoming Webhooks › Add New Webhook to Workspace. It starts with https://hooks.slack.com/services/.",
};

// Email is offered only when the server can send mail (SMTP_URL).
export function AddChannelForm({ action, emailEnabled }: { action: TFormAction<TCreated>; emailEnabled: boolean }) {
  const { state, formAction, formKey, fields, values, error } = useFormAction(action);
  // The kind picked in this form; after a submission, the one it sent.
  const [picked, setPicked] = useState<{ formKey: number; kind: TKind } | null>(null);
  const kinds = KINDS.filter((k) => emailEnabled || k.value !== "email");
  const shown = picked?.formKey === formKey ? picked.kind : ((values.kind as TKind | undefined) ?? "webhook");
  return (
    <div className="space-y-3">
      {state.ok ? (
        <Notice tone="success">
          <p className="font-medium">Added “{state.data.name}”.</p>
          {state.data.kind === "email" ? (
            <p className="mt-1">
              Each address was emailed a link to confirm it. Alerts go to an address only once it is confirmed.
              {state.data.unsent.length > 0 ? ` The mail server did not take the link to ${state.data.unsent.join(", ")}: send a new one below.` : null}
            </p>
          ) : null}
          {state.data.secret ? (
            <>
              <p className="mt-1">Copy the signing secret now: it will not be shown again. Your receiver uses it to check each request (see the README).</p>
              <RevealField id="new-signing-secret" label="Signing secret" value={state.data.secret} />
            </>
          ) : null}
        </Notice>
      ) : null}
      <form action={formAction} key={formKey} aria-label="Add alert channel" className="space-y-3" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label="Kind"
            name="kind"
            options={kinds}
            defaultValue={shown}
            onChange={(e) => setPicked({ formKey, kind: e.currentTarget.value as TKind })}
            error={fields.kind}
          />
          <TextField label="Channel name" name="name" required placeholder="On-call webhook" defaultValue={values.name} error={fields.name} />
        </div>
        {shown === "email" ? (
          <TextAreaField
            label="Email addresses"
            name="emails"
            rows={2}
            required
            placeholder="oncall@example.com, ops@example.com"
            hint="Up to 10, separated by commas or new lines. Each gets a link to confirm before any alert is sent to it."
            defaultValue={values.emails}
            error={fields.emails}
          />
        ) : (
          <TextField
            label={shown === "slack" ? "Slack webhook URL" : "Webhook URL"}
            name="url"
            type="url"
            required
            hint={URL_HINTS[shown]}
            error={fields.url}
          />
        )}
        {emailEnabled ? null : <p className="text-xs text-zinc-500">Email alerts need the server&apos;s SMTP_URL setting; ask your operator to set it.</p>}
        <SubmitButton size="sm" pendingLabel="Adding…">
          Add channel
        </SubmitButton>
        {error && !fields.name && !fields.url && !fields.emails ? <FormError message={error} /> : null}
      </form>
    </div>
  );
}
