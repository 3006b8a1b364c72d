"use server";
import { revalidatePath } from "next/cache";
import { currentUserId } from "@/lib/auth/session";
import { runOrgAction } from "@/lib/auth/org-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { ZCreateCredential, ZCredentialId, ZReplaceKey, ZUpdateCredential } from "@/lib/credentials/schemas";
import { createCredential, deleteCredential, replaceCredentialKey, updateCredential } from "@/lib/credentials/manage-credentials";
import { testCredential, type TTestResult } from "@/lib/credentials/test-credential";

const formValues = (form: FormData, names: string[]) => Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "")]));

function settle<T>(orgSlug: string, result: TActionResult<T>) {
  if (result.ok) revalidatePath(`/${orgSlug}/providers`);
  return result;
}

export async function createProviderAction(orgSlug: string, _prev: TActionResult<{ keyHint: string }>, form: FormData) {
  const values = formValues(form, ["vendor", "name", "defaultModel", "baseUrl"]);
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "provider:manage",
    schema: ZCreateCredential,
    input: { ...values, apiKey: String(form.get("apiKey") ?? "") },
    run: async (ctx, input) => ({ keyHint: (await createCredential({ orgId: ctx.orgId, userId: ctx.userId, input })).keyHint }),
  });
  // The key is never echoed back, not even to the form that sent it.
  return result.ok ? settle(orgSlug, result) : { ...result, values };
}

export async function updateProviderAction(orgSlug: string, credentialId: string, _prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = formValues(form, ["name", "defaultModel", "baseUrl"]);
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "provider:manage",
    schema: ZUpdateCredential,
    input: { ...values, credentialId, apiKey: String(form.get("apiKey") ?? "") },
    run: (ctx, input) => updateCredential({ orgId: ctx.orgId, userId: ctx.userId, input }),
  });
  return result.ok ? settle(orgSlug, result) : { ...result, values };
}

export async function replaceKeyAction(orgSlug: string, credentialId: string, _prev: TActionResult<{ keyHint: string }>, form: FormData) {
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "provider:manage",
    schema: ZReplaceKey,
    input: { credentialId, apiKey: String(form.get("apiKey") ?? "") },
    run: (ctx, input) => replaceCredentialKey({ orgId: ctx.orgId, ...input }),
  });
  return settle(orgSlug, result);
}

export async function deleteProviderAction(orgSlug: string, credentialId: string): Promise<TActionResult> {
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "provider:manage",
    schema: ZCredentialId,
    input: { credentialId },
    run: (ctx, input) => deleteCredential({ orgId: ctx.orgId, ...input }),
  });
  return settle(orgSlug, result);
}

export async function testProviderAction(orgSlug: string, credentialId: string): Promise<TActionResult<TTestResult>> {
  return runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "provider:manage",
    schema: ZCredentialId,
    input: { credentialId },
    run: (ctx, input) => testCredential({ orgId: ctx.orgId, ...input }),
  });
}
