"use client";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";

export function ResendVerification({ resend }: { resend: () => Promise<TActionResult<string>> }) {
  const { pending, error, run } = useActionRunner();
  const [sent, setSent] = useState("");
  return (
    <div className="space-y-2">
      <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(resend, setSent)}>
        {pending ? "Sending…" : "Send the link again"}
      </Button>
      <FormError message={error} />
      <p className="text-sm text-emerald-700" aria-live="polite">
        {error ? "" : sent}
      </p>
    </div>
  );
}
