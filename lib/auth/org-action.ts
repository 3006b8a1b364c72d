import type { z } from "zod";

import { AppError } from "../errors";
import { type TActionResult, toActionError } from "./action-result";
import { resolveMembership, type TMembershipContext } from "./membership";
import type { TPermission } from "./permissions";

// Every organization-scoped server action runs through here: resolve the
// membership from the URL's slug and the session's user, check the role on the
// server, parse the input with the form's own schema, then run one lib call.
// The user id is passed in so the same path is exercised by integration tests.
export type TOrgActionCall<S extends z.ZodType, Scope, T> = {
  userId: string | null;
  orgSlug: string;
  permission: TPermission;
  schema: S;
  input: unknown;
  run: (scope: Scope, data: z.infer<S>) => Promise<T>;
};

export async function runOrgAction<S extends z.ZodType, T>({
  userId,
  orgSlug,
  permission,
  schema,
  input,
  run,
}: TOrgActionCall<S, TMembershipContext, T>): Promise<TActionResult<T>> {
  try {
    if (!userId) throw new AppError("NOT_FOUND", "Organization not found");
    const ctx = await resolveMembership({ userId, orgSlug, permission });
    const data = schema.parse(input);
    return { ok: true, data: await run(ctx, data) };
  } catch (error) {
    return toActionError(error, { orgSlug, permission });
  }
}
