"use client";
import type { ComponentProps } from "react";
import { useFormStatus } from "react-dom";

import { Button } from "./button";

// Disabled while its form is submitting, so a double click cannot send twice.
export function SubmitButton({ children, pendingLabel, ...props }: ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-busy={pending || undefined} {...props}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </Button>
  );
}
