"use client";
import { type ReactNode, useRef } from "react";

import { Button } from "./button";

// Destructive actions, and those that spend the tenant's money, ask first. A native <dialog> gives focus handling and
// Escape to cancel for free.
export function ConfirmDialog({
  trigger,
  title,
  children,
  confirmLabel,
  onConfirm,
  triggerVariant = "secondary",
  confirmVariant = "danger",
  disabled = false,
}: {
  trigger: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  triggerVariant?: "primary" | "secondary" | "danger" | "ghost";
  confirmVariant?: "primary" | "danger";
  disabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button variant={triggerVariant} size="sm" disabled={disabled} onClick={() => ref.current?.showModal()}>
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-label={title}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 p-0 shadow-xl backdrop:bg-zinc-900/40"
      >
        <div className="space-y-2 p-5">
          <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
          <div className="text-sm text-zinc-600">{children}</div>
        </div>
        <div className="flex justify-end gap-2 border-t border-zinc-100 bg-zinc-50 px-5 py-3">
          <Button variant="secondary" size="sm" onClick={() => ref.current?.close()} autoFocus>
            Cancel
          </Button>
          <Button
            variant={confirmVariant}
            size="sm"
            onClick={() => {
              ref.current?.close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
