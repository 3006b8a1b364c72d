"use client";
import { useActionState, useRef } from "react";

import { FormError } from "@/components/ui/feedback";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TActionResult } from "@/lib/auth/action-result";

type TAction = (prev: TActionResult<{ conversationId: string }>, form: FormData) => Promise<TActionResult<{ conversationId: string }>>;

// Enter sends, Shift+Enter makes a new line.
export function MessageBox({ action, conversationId }: { action: TAction; conversationId?: string }) {
  const [state, formAction] = useActionState(action, { ok: false, error: "" });
  const form = useRef<HTMLFormElement>(null);
  const error = state.ok ? undefined : (state.fields?.message ?? state.error);
  return (
    <form ref={form} action={formAction} className="space-y-2 border-t border-zinc-200 pt-4">
      {error ? <FormError message={error} /> : null}
      <input type="hidden" name="conversationId" value={conversationId ?? ""} />
      <label htmlFor="message" className="sr-only">
        Message
      </label>
      <div className="flex items-end gap-2">
        <textarea
          id="message"
          name="message"
          rows={2}
          required
          placeholder="Write a message…"
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              form.current?.requestSubmit();
            }
          }}
          className="block w-full resize-y rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs"
        />
        <SubmitButton pendingLabel="Sending…">Send</SubmitButton>
      </div>
    </form>
  );
}
