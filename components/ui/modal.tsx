"use client";
import { type ReactNode, useEffect, useRef, useState } from "react";

import { Button } from "./button";

// A native <dialog>: focus moves in, Escape closes, the page behind is inert.
// Its content mounts only while open, so every opening starts from a fresh form.
export function Modal({
  trigger,
  title,
  children,
  triggerVariant = "secondary",
  triggerSize = "sm",
}: {
  trigger: string;
  title: string;
  children: (close: () => void) => ReactNode;
  triggerVariant?: "primary" | "secondary" | "ghost";
  triggerSize?: "sm" | "md";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  const close = () => setOpen(false);
  return (
    <>
      <Button variant={triggerVariant} size={triggerSize} onClick={() => setOpen(true)}>
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-label={title}
        onClose={close}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 p-0 shadow-xl backdrop:bg-zinc-900/40"
      >
        <div className="flex items-center justify-between border-b border-zinc-100 px-5 py-3">
          <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
          <Button variant="ghost" size="sm" onClick={close} aria-label="Close">
            ✕
          </Button>
        </div>
        <div className="p-5">{open ? children(close) : null}</div>
      </dialog>
    </>
  );
}
