"use server";
import { revalidatePath } from "next/cache";
import { currentUserId } from "@/lib/auth/session";
import { runAgentAction, type TAgentScope } from "@/lib/auth/agent-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { ZApiKeyId, ZCreateApiKey } from "@/lib/api-keys/schemas";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { z } from "zod";

type TRef = { orgSlug: string; agentSlug: string };

async function keyAction<S extends z.ZodType, T>(ref: TRef, schema: S, input: unknown, run: (scope: TAgentScope, data: z.infer<S>) => Promise<T>) {
  const result = await runAgentAction({ userId: await currentUserId(), ...ref, permission: "apikey:manage", schema, input, run });
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
