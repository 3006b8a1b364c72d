import type { TLinkSummary } from "@/lib/agents/describe-link";
import type { TActionResult } from "@/lib/auth/action-result";

import { BackupActions } from "./backup-actions";
import type { TBackupSetup } from "./backup-form";
import { LinkDetails } from "./link-details";

type TEdits = {
  setup: TBackupSetup;
  move: (position: number, direction: "up" | "down") => Promise<TActionResult>;
  remove: (position: number) => Promise<TActionResult>;
};

// Backups in the order they are tried; `edits` is absent for read-only roles.
export function BackupList({ backups, edits }: { backups: TLinkSummary[]; edits?: TEdits }) {
  return (
    <ol className="space-y-3" aria-label="Backups">
      {backups.map((backup) => (
        <li
          key={backup.position}
          aria-label={`Backup ${backup.position}`}
          className="flex flex-col gap-3 rounded-md border border-zinc-200 px-3 py-3 sm:flex-row sm:items-start sm:justify-between sm:px-4"
        >
          <div className="min-w-0">
            <p className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">Backup {backup.position}</p>
            <LinkDetails link={backup} />
          </div>
          {edits ? <BackupActions edits={edits} backup={backup} count={backups.length} /> : null}
        </li>
      ))}
    </ol>
  );
}
