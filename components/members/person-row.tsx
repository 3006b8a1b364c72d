import type { ReactNode } from "react";

import { FormError } from "@/components/ui/feedback";

// One row of the Members page, a member or a pending invitation: who, a line
// under it, the error of its last action, and its controls on the right.
export function PersonRow({
  title,
  detail,
  pending,
  error,
  children,
}: {
  title: ReactNode;
  detail: ReactNode;
  pending: boolean;
  error: string;
  children: ReactNode;
}) {
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between" aria-busy={pending || undefined}>
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-zinc-900">{title}</p>
        <p className="truncate text-sm text-zinc-500">{detail}</p>
        {error ? (
          <div className="mt-2">
            <FormError message={error} />
          </div>
        ) : null}
      </div>
      {children}
    </li>
  );
}
