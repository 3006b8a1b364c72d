"use client";
import { Modal } from "@/components/ui/modal";
import type { TActionResult } from "@/lib/auth/action-result";

import { AddProviderForm } from "./provider-form";

export function AddProvider({ action }: { action: (prev: TActionResult<{ keyHint: string }>, form: FormData) => Promise<TActionResult<{ keyHint: string }>> }) {
  return (
    <Modal trigger="Add provider" title="Add provider" triggerVariant="primary" triggerSize="md">
      {(close) => <AddProviderForm action={action} onDone={close} />}
    </Modal>
  );
}
