"use client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/feedback";
import { Modal } from "@/components/ui/modal";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";

import { BackupForm, type TBackupSetup, type TCurrentBackup } from "./backup-form";

type TBackupEdits = {
  setup: TBackupSetup;
  move: (position: number, direction: "up" | "down") => Promise<TActionResult>;
  remove: (position: number) => Promise<TActionResult>;
};

export function BackupActions({ edits, backup, count }: { edits: TBackupEdits; backup: TCurrentBackup & { position: number }; count: number }) {
  const { pending, error, run } = useActionRunner();
  const { position } = backup;
  return (
    <div className="space-y-2" aria-busy={pending || undefined}>
      <div className="flex flex-wrap gap-2 sm:justify-end">
        {position > 1 ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            aria-label={`Move backup ${position} up`}
            onClick={() => run(() => edits.move(position, "up"))}
          >
            Move up
          </Button>
        ) : null}
        {position < count ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            aria-label={`Move backup ${position} down`}
            onClick={() => run(() => edits.move(position, "down"))}
          >
            Move down
          </Button>
        ) : null}
        <Modal trigger="Change" title={`Change backup ${position}`}>
          {(close) => <BackupForm setup={edits.setup} position={position} current={backup} onDone={close} />}
        </Modal>
        <ConfirmDialog trigger="Remove" title={`Remove backup ${position}?`} confirmLabel="Remove backup" onConfirm={() => run(() => edits.remove(position))}>
          {backup.label} stops being a backup of this agent after the next restart.
          {backup.pasted ? " The API key pasted for it is deleted." : " The saved provider itself stays."}
        </ConfirmDialog>
      </div>
      <FormError message={error} />
    </div>
  );
}

export function AddBackup({ setup }: { setup: TBackupSetup }) {
  return (
    <Modal trigger="Add another backup" title="Add another backup">
      {(close) => <BackupForm setup={setup} onDone={close} />}
    </Modal>
  );
}
