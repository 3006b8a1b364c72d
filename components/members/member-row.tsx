"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TActionResult } from "@/lib/auth/action-result";
import { ROLE_LABELS, ROLES, type TRole } from "@/lib/auth/permissions";

import { PersonRow } from "./person-row";

type TMember = { id: string; name: string; email: string; role: TRole; isYou: boolean };

export function MemberRow({
  member,
  manage,
  changeRole,
  remove,
}: {
  member: TMember;
  manage: boolean;
  changeRole: (role: string) => Promise<TActionResult>;
  remove: () => Promise<TActionResult>;
}) {
  const { pending, error, run } = useActionRunner();

  return (
    <PersonRow
      title={
        <>
          {member.name} {member.isYou ? <span className="text-zinc-500">(you)</span> : null}
        </>
      }
      detail={member.email}
      pending={pending}
      error={error}
    >
      {manage ? (
        <div className="flex items-center gap-2">
          <label className="sr-only" htmlFor={`role-${member.id}`}>
            Role of {member.name}
          </label>
          <select
            id={`role-${member.id}`}
            value={member.role}
            disabled={pending}
            onChange={(e) => run(() => changeRole(e.target.value))}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <ConfirmDialog trigger="Remove" title={`Remove ${member.name}?`} confirmLabel="Remove member" onConfirm={() => run(remove)}>
            They lose access to this organization at once. You can invite them again later.
          </ConfirmDialog>
        </div>
      ) : (
        <Badge>{ROLE_LABELS[member.role]}</Badge>
      )}
    </PersonRow>
  );
}
