"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { currentUserId } from "@/lib/auth/session";
import { runOrgAction } from "@/lib/auth/org-action";
import { runAgentAction, type TAgentScope } from "@/lib/auth/agent-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { ZAgentOnly, ZBackupPosition, ZCreateAgent, ZMoveBackup, ZSetAnswering, ZSetBackup, ZSetPrimary } from "@/lib/agents/schemas";
import { createAgent } from "@/lib/agents/create-agent";
import { deleteAgent } from "@/lib/agents/delete-agent";
import { setPrimary } from "@/lib/agents/set-primary";
import { setBackup } from "@/lib/agents/set-backup";
import { setAnswering } from "@/lib/agents/set-answering";
import { moveBackup, removeBackup } from "@/lib/agents/remove-backup";
import { requestControl } from "@/lib/agents/request-control";
import { setTools, ZSetTools } from "@/lib/agents/set-tools";

const text = (form: FormData, names: string[]) => Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "")]));

async function agentAction<S extends z.ZodType, T>(
  { orgSlug, agentSlug }: { orgSlug: string; agentSlug: string },
  schema: S,
  input: unknown,
  run: (chain: TAgentScope, data: z.infer<S>) => Promise<T>,
): Promise<TActionResult<T>> {
  const result = await runAgentAction({ userId: await currentUserId(), orgSlug, agentSlug, permission: "agent:manage", schema, input, run });
  if (result.ok) revalidatePath(`/${orgSlug}/agents`, "layout");
  return result;
}

export async function createAgentAction(orgSlug: string, _prev: TActionResult<{ slug: string }>, form: FormData): Promise<TActionResult<{ slug: string }>> {
  const values = text(form, ["name", "instructions", "credentialId", "model"]);
  const result = await runOrgAction({
    userId: await currentUserId(),
    orgSlug,
    permission: "agent:manage",
    schema: ZCreateAgent,
    input: values,
    run: (ctx, input) => createAgent({ orgId: ctx.orgId, userId: ctx.userId, input }),
  });
  if (!result.ok) return { ...result, values };
  redirect(`/${orgSlug}/agents/${result.data.slug}/provider`);
}

type TAgentRef = { orgSlug: string; agentSlug: string };

export async function setPrimaryAction(ref: TAgentRef, _prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = text(form, ["credentialId", "model", "firstTokenTimeoutSeconds", "stallTimeoutSeconds"]);
  const result = await agentAction(ref, ZSetPrimary, values, (chain, input) => setPrimary(chain, input));
  return result.ok ? result : { ...result, values };
}

// Both modes of "Set Backup Provider": a saved provider, or a pasted API key
// (never echoed back, not even on an error).
export async function setBackupAction(ref: TAgentRef, _prev: TActionResult<{ position: number }>, form: FormData): Promise<TActionResult<{ position: number }>> {
  const values = text(form, ["mode", "position", "vendor", "credentialId", "model", "baseUrl", "firstTokenTimeoutSeconds", "stallTimeoutSeconds"]);
  const input = { ...values, position: values.position || undefined, apiKey: String(form.get("apiKey") ?? "") };
  const result = await agentAction(ref, ZSetBackup, input, (chain, data) => setBackup(chain, data));
  return result.ok ? result : { ...result, values };
}

// The turn budget and what happens when an answer breaks off.
export async function setAnsweringAction(ref: TAgentRef, _prev: TActionResult, form: FormData): Promise<TActionResult> {
  const values = text(form, ["turnBudgetMinutes", "onBreak"]);
  const result = await agentAction(ref, ZSetAnswering, values, (chain, input) => setAnswering(chain, input));
  return result.ok ? result : { ...result, values };
}

export async function removeBackupAction(ref: TAgentRef, position: number): Promise<TActionResult> {
  return agentAction(ref, ZBackupPosition, { position }, (chain, input) => removeBackup(chain, input));
}

export async function moveBackupAction(ref: TAgentRef, position: number, direction: "up" | "down"): Promise<TActionResult> {
  return agentAction(ref, ZMoveBackup, { position, direction }, (chain, input) => moveBackup(chain, input));
}

export async function controlAgentAction(ref: TAgentRef, action: "start" | "restart" | "stop"): Promise<TActionResult> {
  return agentAction(ref, ZAgentOnly, {}, (chain) => requestControl({ ...chain, action }));
}

export async function deleteAgentAction(ref: TAgentRef): Promise<TActionResult> {
  const result = await agentAction(ref, ZAgentOnly, {}, (chain) => deleteAgent(chain));
  if (!result.ok) return result;
  redirect(`/${ref.orgSlug}/agents`);
}

export async function setToolsAction(ref: TAgentRef, _prev: TActionResult, form: FormData): Promise<TActionResult> {
  return agentAction(ref, ZSetTools, { tools: form.getAll("tools").map(String) }, (chain, input) => setTools(chain, input));
}
