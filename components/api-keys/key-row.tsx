"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, FormError } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

type TKey = { id: string; name: string; keyHint: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export function KeyRow({ apiKey, revoke }: { apiKey: TKey; revoke?: () => Promise<TActionResult> }) {
  const { pending, error, run } = useActionRunner();
  return (
    <li aria-label={apiKey.name} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="flex items-center gap-2 text-sm font-medium text-zinc-900">
          {apiKey.name} <span className="font-mono text-zinc-600">{apiKey.keyHint}</span>
          {apiKey.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}
        </p>
        <p className="text-xs text-zinc-500">
          Created {date.format(apiKey.createdAt)} · {apiKey.lastUsedAt ? `last used ${date.format(apiKey.lastUsedAt)}` : "never used"}
        </p>
        {error ? <FormError message={error} /> : null}
      </div>
      {revoke && !apiKey.revokedAt ? (
        <ConfirmDialog trigger={pending ? "Revoking…" : "Revoke"} title={`Revoke ${apiKey.name}?`} confirmLabel="Revoke key" onConfirm={() => run(revoke)}>
          Requests with this key are refused at once. This cannot be undone.
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
