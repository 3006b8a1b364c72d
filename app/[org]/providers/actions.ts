"use server";
import { orgActions, type TOrgRef } from "@/app/_lib/define-action";
import { createCredential, deleteCredential, replaceCredentialKey, updateCredential } from "@/lib/credentials/manage-credentials";
import { ZCreateCredential, ZCredentialId, ZReplaceKey, ZUpdateCredential } from "@/lib/credentials/schemas";
import { testCredential } from "@/lib/credentials/test-credential";

type TProviderRef = TOrgRef & { credentialId: string };

// The key is never echoed back, not even to the form that sent it.
const manage = { permission: "provider:manage", revalidate: (ref: TOrgRef) => `/${ref.orgSlug}/providers` } as const;

export const createProviderAction = orgActions.formAction({
  ...manage,
  schema: ZCreateCredential,
  fields: ["vendor", "name", "defaultModel", "baseUrl"],
  secrets: ["apiKey"],
  run: async (ctx, input) => ({ keyHint: (await createCredential({ orgId: ctx.orgId, userId: ctx.userId, input })).keyHint }),
});

export const updateProviderAction = orgActions.formAction({
  ...manage,
  schema: ZUpdateCredential,
  fields: ["name", "defaultModel", "baseUrl"],
  secrets: ["apiKey"],
  input: (text, _form, ref: TProviderRef) => ({ ...text, credentialId: ref.credentialId }),
  run: (ctx, input) => updateCredential({ orgId: ctx.orgId, userId: ctx.userId, input }),
});

export const replaceKeyAction = orgActions.formAction({
  ...manage,
  schema: ZReplaceKey,
  secrets: ["apiKey"],
  input: (text, _form, ref: TProviderRef) => ({ ...text, credentialId: ref.credentialId }),
  run: (ctx, input) => replaceCredentialKey({ orgId: ctx.orgId, ...input }),
});

export const deleteProviderAction = orgActions.action({
  ...manage,
  schema: ZCredentialId,
  input: (credentialId: string) => ({ credentialId }),
  run: (ctx, input) => deleteCredential({ orgId: ctx.orgId, ...input }),
});

export const testProviderAction = orgActions.action({
  permission: "provider:manage",
  schema: ZCredentialId,
  input: (credentialId: string) => ({ credentialId }),
  run: (ctx, input) => testCredential({ orgId: ctx.orgId, ...input }),
});
