"use server";
import { agentActions, orgActions, type TAgentRef } from "@/app/_lib/define-action";
import { createAgent } from "@/lib/agents/create-agent";
import { deleteAgent } from "@/lib/agents/delete-agent";
import { moveBackup, removeBackup } from "@/lib/agents/remove-backup";
import { requestControl } from "@/lib/agents/request-control";
import { type TControlAction, ZBackupPosition, ZControlAgent, ZCreateAgent, ZMoveBackup, ZSetAnswering, ZSetBackup, ZSetPrimary } from "@/lib/agents/schemas";
import { setAnswering } from "@/lib/agents/set-answering";
import { setBackup } from "@/lib/agents/set-backup";
import { setPrimary } from "@/lib/agents/set-primary";
import { setTools, ZSetTools } from "@/lib/agents/set-tools";
import { ZNoInput } from "@/lib/auth/action-result";

// Every agent setting shows on the agent's pages and in the list.
const agentPages = (ref: TAgentRef): [string, "layout"] => [`/${ref.orgSlug}/agents`, "layout"];
const manage = { permission: "agent:manage", revalidate: agentPages } as const;

export const createAgentAction = orgActions.formAction({
  permission: "agent:manage",
  schema: ZCreateAgent,
  fields: ["name", "instructions", "credentialId", "model"],
  run: (ctx, input) => createAgent({ orgId: ctx.orgId, userId: ctx.userId, input }),
  redirect: (ref, created) => `/${ref.orgSlug}/agents/${created.slug}/provider`,
});

export const setPrimaryAction = agentActions.formAction({
  ...manage,
  schema: ZSetPrimary,
  fields: ["credentialId", "model", "firstTokenTimeoutSeconds", "stallTimeoutSeconds"],
  run: (chain, input) => setPrimary(chain, input),
});

// Both modes of "Set Backup Provider": a saved provider, or a pasted API key
// (never echoed back, not even on an error).
export const setBackupAction = agentActions.formAction({
  ...manage,
  schema: ZSetBackup,
  fields: ["mode", "position", "vendor", "credentialId", "model", "baseUrl", "firstTokenTimeoutSeconds", "stallTimeoutSeconds"],
  secrets: ["apiKey"],
  input: (text) => ({ ...text, position: text.position || undefined }),
  run: (chain, data) => setBackup(chain, data),
});

// The turn budget and what happens when an answer breaks off.
export const setAnsweringAction = agentActions.formAction({
  ...manage,
  schema: ZSetAnswering,
  fields: ["turnBudgetMinutes", "onBreak"],
  run: (chain, input) => setAnswering(chain, input),
});

export const setToolsAction = agentActions.formAction({
  ...manage,
  schema: ZSetTools,
  input: (_text, form) => ({ tools: form.getAll("tools").map(String) }),
  run: (chain, input) => setTools(chain, input),
});

export const removeBackupAction = agentActions.action({
  ...manage,
  schema: ZBackupPosition,
  input: (position: number) => ({ position }),
  run: (chain, input) => removeBackup(chain, input),
});

export const moveBackupAction = agentActions.action({
  ...manage,
  schema: ZMoveBackup,
  input: (position: number, direction: "up" | "down") => ({ position, direction }),
  run: (chain, input) => moveBackup(chain, input),
});

export const controlAgentAction = agentActions.action({
  ...manage,
  schema: ZControlAgent,
  input: (action: TControlAction) => ({ action }),
  run: (chain, input) => requestControl({ ...chain, action: input.action }),
});

export const deleteAgentAction = agentActions.action({
  ...manage,
  schema: ZNoInput,
  input: () => ({}),
  run: (chain) => deleteAgent(chain),
  redirect: (ref) => `/${ref.orgSlug}/agents`,
});
