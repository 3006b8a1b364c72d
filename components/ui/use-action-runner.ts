"use client";
import { useState, useTransition } from "react";

import type { TActionResult } from "@/lib/auth/action-result";

// Runs a server action from a button: pending while it runs, and its error
// kept for display next to the button until the next run succeeds.
export function useActionRunner() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState("");
  const run = <T>(action: () => Promise<TActionResult<T>>, onDone?: (data: T) => void) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? "" : result.error);
      if (result.ok) onDone?.(result.data);
    });
  return { pending, error, run };
}
