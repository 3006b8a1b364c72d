"use server";
import { revalidatePath } from "next/cache";
import { currentUserId } from "@/lib/auth/session";
import { runAgentAction, type TAgentScope } from "@/lib/auth/agent-action";
import type { TActionResult } from "@/lib/auth/action-result";
import type { TPermission } from "@/lib/auth/permissions";
import { ZApiKeyId, ZCreateApiKey } from "@/lib/api-keys/schemas";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ZSetCallerOptions } from "@/lib/agents/schemas";
import { setCallerOptions } from "@/lib/agents/set-caller-options";
import type { z } from "zod";

type TRef = { orgSlug: string; agentSlug: string };

async function apiTabAction<S extends z.ZodType, T>(ref: TRef, permission: TPermission, schema: S, input: unknown, run: (scope: TAgentScope, data: z.infer<S>) => Promise<T>) {
  const result = await runAgentAction({ userId: await currentUserId(), ...ref, permission, schema, input, run });
  if (result.ok) revalidatePath(`/${ref.orgSlug}/agents/${ref.agentSlug}/api`);
  return result;
}

// The new key travels back to the page once, to be copied; it is stored only as a hash.
export async function createApiKeyAction(ref: TRef, _prev: TActionResult<{ key: string; name: string }>, form: FormData): Promise<TActionResult<{ key: string; name: string }>> {
  const values = { name: String(form.get("name") ?? "") };
  const result = await apiTabAction(ref, "apikey:manage", ZCreateApiKey, values, async (scope, input) => {
    const created = await createApiKey(scope, input);
    return { key: created.key, name: created.name };
  });
  return result.ok ? result : { ...result, values };
}

export async function revokeApiKeyAction(ref: TRef, keyId: string): Promise<TActionResult> {
  return apiTabAction(ref, "apikey:manage", ZApiKeyId, { keyId }, (scope, input) => revokeApiKey(scope, input));
}

// What callers may send is an agent setting, so it takes the permission every
// other agent setting does. An unchecked checkbox is absent from the form.
export async function setCallerOptionsAction(ref: TRef, _prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = { callerParams: form.has("callerParams") ? "on" : "", callerSystem: String(form.get("callerSystem") ?? "") };
  const input = { callerParams: values.callerParams === "on", callerSystem: values.callerSystem };
  const result = await apiTabAction(ref, "agent:manage", ZSetCallerOptions, input, (scope, data) => setCallerOptions(scope, data));
  return result.ok ? result : { ...result, values };
}
