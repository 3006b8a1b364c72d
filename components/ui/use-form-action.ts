"use client";
import { useActionState } from "react";

import type { TActionResult } from "@/lib/auth/action-result";

export type TFormAction<T = void> = (prev: TActionResult<T>, form: FormData) => Promise<TActionResult<T>>;

const initialState = { ok: false, error: "" } as const;

function formState<T>(state: TActionResult<T>) {
  if (state.ok) return { fields: {} as Record<string, string>, values: {} as Record<string, string>, error: "" };
  return { fields: state.fields ?? {}, values: state.values ?? {}, error: state.error };
}

type TCounted<T> = { result: TActionResult<T>; attempt: number };

// React resets a form after its action runs, and a reset puts controlled
// selects back on their first option. Keying the form by attempt remounts it
// after every submission, so the echoed values come back even when they equal
// the previous attempt's. A pasted key is never echoed, so it stays cleared.
export function useFormAction<T>(action: TFormAction<T>) {
  const [{ result, attempt }, formAction] = useActionState(
    async (prev: TCounted<T>, form: FormData): Promise<TCounted<T>> => ({ result: await action(prev.result, form), attempt: prev.attempt + 1 }),
    { result: initialState, attempt: 0 },
  );
  return { state: result, formAction, formKey: attempt, ...formState(result) };
}
