"use server";
import { agentActions, type TAgentRef } from "@/app/_lib/define-action";
import { ZSetCallerOptions } from "@/lib/agents/schemas";
import { setCallerOptions } from "@/lib/agents/set-caller-options";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ZApiKeyId, ZCreateApiKey } from "@/lib/api-keys/schemas";

const apiTab = (ref: TAgentRef) => `/${ref.orgSlug}/agents/${ref.agentSlug}/api`;

// The new key travels back to the page once, to be copied; it is stored only as a hash.
export const createApiKeyAction = agentActions.formAction({
  permission: "apikey:manage",
  schema: ZCreateApiKey,
  fields: ["name"],
  revalidate: apiTab,
  run: async (scope, input) => {
    const created = await createApiKey(scope, input);
    return { key: created.key, name: created.name };
  },
});

export const revokeApiKeyAction = agentActions.action({
  permission: "apikey:manage",
  schema: ZApiKeyId,
  revalidate: apiTab,
  input: (keyId: string) => ({ keyId }),
  run: (scope, input) => revokeApiKey(scope, input),
});

// What callers may send is an agent setting, so it takes the permission every
// other agent setting does. An unchecked checkbox is absent from the form.
export const setCallerOptionsAction = agentActions.formAction({
  permission: "agent:manage",
  schema: ZSetCallerOptions,
  fields: ["callerParams", "callerSystem"],
  revalidate: apiTab,
  input: (text) => ({ callerParams: text.callerParams === "on", callerSystem: text.callerSystem }),
  run: (scope, data) => setCallerOptions(scope, data),
});
