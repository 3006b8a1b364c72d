"use client";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, FormError, Notice } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";

import { RecipientList, type TRecipient } from "./recipient-list";

const KIND_LABELS = { webhook: "Webhook", slack: "Slack", email: "Email" } as const;
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

type TChannel = {
  name: string;
  kind: keyof typeof KIND_LABELS;
  urlHint: string | null;
  recipients: TRecipient[];
  createdAt: Date;
  createdByName: string | null;
};

type TChannelActions = {
  test?: () => Promise<TActionResult>;
  remove?: () => Promise<TActionResult>;
  resend?: (recipientId: string) => Promise<TActionResult>;
};

export function ChannelRow({ channel, test, remove, resend }: { channel: TChannel } & TChannelActions) {
  const testing = useActionRunner();
  const removing = useActionRunner();
  const [queued, setQueued] = useState(false);
  const waiting = channel.kind === "email" && !channel.recipients.some((r) => r.confirmedAt);
  return (
    <li aria-label={channel.name} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="flex items-center gap-2 text-sm font-medium text-zinc-900">
          {channel.name} <Badge tone="blue">{KIND_LABELS[channel.kind]}</Badge>
          {waiting ? <Badge tone="amber">Waiting for confirmation</Badge> : null}
        </p>
        {channel.kind === "email" ? (
          <RecipientList channelName={channel.name} recipients={channel.recipients} resend={resend} />
        ) : (
          <p className="truncate font-mono text-xs text-zinc-600">{channel.urlHint}</p>
        )}
        <p className="text-xs text-zinc-500">
          Added {channel.createdByName ? `by ${channel.createdByName} ` : ""}on {date.format(channel.createdAt)}
        </p>
        <FormError message={testing.error || removing.error} />
        {queued && !testing.error ? <Notice tone="success">Test alert queued: its delivery shows in the log below.</Notice> : null}
      </div>
      {test && remove ? (
        <div className="flex shrink-0 gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={testing.pending}
            aria-busy={testing.pending || undefined}
            onClick={() => testing.run(test, () => setQueued(true))}
          >
            {testing.pending ? "Sending…" : "Send test alert"}
          </Button>
          <ConfirmDialog
            trigger={removing.pending ? "Deleting…" : "Delete"}
            title={`Delete ${channel.name}?`}
            confirmLabel="Delete channel"
            onConfirm={() => removing.run(remove)}
          >
            Alerts stop going to this channel at once, and its deliveries leave the log. This cannot be undone.
          </ConfirmDialog>
        </div>
      ) : null}
    </li>
  );
}
