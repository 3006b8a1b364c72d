"use client";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Badge, FormError, Notice } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";

export type TRecipient = { id: string; email: string; confirmedAt: Date | null };

// An email channel's addresses: each receives alerts only once its owner
// has confirmed it through the link we sent.
export function RecipientList({
  channelName,
  recipients,
  resend,
}: {
  channelName: string;
  recipients: TRecipient[];
  resend?: (id: string) => Promise<TActionResult>;
}) {
  return (
    <ul aria-label={`Recipients of ${channelName}`} className="mt-1 space-y-1">
      {recipients.map((r) => (
        <RecipientRow key={r.id} recipient={r} resend={resend && !r.confirmedAt ? () => resend(r.id) : undefined} />
      ))}
    </ul>
  );
}

function RecipientRow({ recipient, resend }: { recipient: TRecipient; resend?: () => Promise<TActionResult> }) {
  const { pending, error, run } = useActionRunner();
  const [sent, setSent] = useState(false);
  return (
    <li aria-label={recipient.email} className="space-y-1">
      <p className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-mono text-zinc-600">{recipient.email}</span>
        {recipient.confirmedAt ? <Badge tone="green">Confirmed</Badge> : <Badge tone="amber">Waiting for confirmation</Badge>}
        {resend ? (
          <Button variant="ghost" size="sm" disabled={pending} aria-busy={pending || undefined} onClick={() => run(resend, () => setSent(true))}>
            {pending ? "Sending…" : "Send a new link"}
          </Button>
        ) : null}
      </p>
      <FormError message={error} />
      {sent && !error ? <Notice tone="success">A new link is on its way to {recipient.email}; the earlier one no longer works.</Notice> : null}
    </li>
  );
}
