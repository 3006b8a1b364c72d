"use server";
import { revalidatePath } from "next/cache";
import { currentUserId } from "@/lib/auth/session";
import { runOrgAction } from "@/lib/auth/org-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { ZApiKeyId, ZCreateApiKey } from "@/lib/api-keys/schemas";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { z } from "zod";
import type { TMembershipContext } from "@/lib/auth/membership";

type TRef = { orgSlug: string; agentSlug: string };

async function keyAction<S extends z.ZodType, T>(ref: TRef, schema: S, input: unknown, run: (scope: { orgId: string; agentId: string; userId: string }, data: z.infer<S>) => Promise<T>) {
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug: ref.orgSlug,
    permission: "apikey:manage",
    schema,
    input,
    run: async (ctx: TMembershipContext, data) => {
      const agent = await db.agent.findFirst({ where: { orgId: ctx.orgId, slug: ref.agentSlug }, select: { id: true } });
      if (!agent) throw notFound("Agent not found");
      return run({ orgId: ctx.orgId, agentId: agent.id, userId: ctx.userId }, data);
    },
  });
  if (result.ok) revalidatePath(`/${ref.orgSlug}/agents/${ref.agentSlug}/api`);
  return result;
}

// The new key travels back to the page once, to be copied; it is stored only as a hash.
export async function createApiKeyAction(ref: TRef, _prev: TActionResult<{ key: string; name: string }>, form: FormData): Promise<TActionResult<{ key: string; name: string }>> {
  const values = { name: String(form.get("name") ?? "") };
  const result = await keyAction(ref, ZCreateApiKey, values, async (scope, input) => {
    const created = await createApiKey(scope, input);
    return { key: created.key, name: created.name };
  });
  return result.ok ? result : { ...result, values };
}

export async function revokeApiKeyAction(ref: TRef, keyId: string): Promise<TActionResult> {
  return keyAction(ref, ZApiKeyId, { keyId }, (scope, input) => revokeApiKey(scope, input));
}
