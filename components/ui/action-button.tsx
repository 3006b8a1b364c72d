"use client";
import type { TActionResult } from "@/lib/auth/action-result";

import { Button } from "./button";
import { FormError } from "./feedback";
import { useActionRunner } from "./use-action-runner";

// A page's one full-width button (accept an invitation, confirm an email);
// on success the action leads on with a redirect, else its error shows.
export function ActionButton({ action, label, pendingLabel }: { action: () => Promise<TActionResult>; label: string; pendingLabel: string }) {
  const { pending, error, run } = useActionRunner();
  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Button className="w-full" disabled={pending} aria-busy={pending || undefined} onClick={() => run(action)}>
        {pending ? pendingLabel : label}
      </Button>
    </div>
  );
}
