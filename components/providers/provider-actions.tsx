"use client";
import { useState, useTransition } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/feedback";
import { Modal } from "@/components/ui/modal";
import type { TActionResult } from "@/lib/auth/action-result";
import type { TTestResult } from "@/lib/credentials/test-credential";
import type { TVendor } from "@/lib/providers/types";

import { EditProviderForm, ReplaceKeyForm } from "./provider-form";

type TFormAction<T> = (prev: TActionResult<T>, form: FormData) => Promise<TActionResult<T>>;

export function ProviderActions({
  provider,
  test,
  update,
  replaceKey,
  remove,
}: {
  provider: { name: string; vendor: TVendor; defaultModel: string; baseUrl: string | null };
  test: () => Promise<TActionResult<TTestResult>>;
  update: TFormAction<void>;
  replaceKey: TFormAction<{ keyHint: string }>;
  remove: () => Promise<TActionResult>;
}) {
  const [testing, startTest] = useTransition();
  const [deleting, startDelete] = useTransition();
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [deleteError, setDeleteError] = useState("");

  const runTest = () =>
    startTest(async () => {
      setTestResult(null);
      const result = await test();
      setTestResult(result.ok ? { ok: result.data.ok, message: result.data.message } : { ok: false, message: result.error });
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={runTest} disabled={testing} aria-busy={testing || undefined}>
          {testing ? "Testing…" : "Test connection"}
        </Button>
        <Modal trigger="Edit" title={`Edit ${provider.name}`}>
          {(close) => <EditProviderForm action={update} provider={provider} onDone={close} />}
        </Modal>
        <Modal trigger="Replace key" title={`Replace the key of ${provider.name}`}>
          {(close) => <ReplaceKeyForm action={replaceKey} onDone={close} />}
        </Modal>
        <ConfirmDialog
          trigger={deleting ? "Deleting…" : "Delete"}
          title={`Delete ${provider.name}?`}
          confirmLabel="Delete provider"
          onConfirm={() =>
            startDelete(async () => {
              const result = await remove();
              setDeleteError(result.ok ? "" : result.error);
            })
          }
        >
          Its key is destroyed. Agents cannot use a deleted provider, so one still in use cannot be deleted.
        </ConfirmDialog>
      </div>
      {testResult ? (
        <p role="status" className={testResult.ok ? "text-sm font-medium text-emerald-700" : "text-sm font-medium text-red-700"}>
          {testResult.message}
        </p>
      ) : null}
      {deleteError ? <FormError message={deleteError} /> : null}
    </div>
  );
}
