"use server";
import { revalidatePath } from "next/cache";

import type { TActionResult } from "@/lib/auth/action-result";
import { currentUserId } from "@/lib/auth/session";
import { probeNowAs, resetHealthAs } from "@/lib/provider-health/health-actions";
import { sharedCircuitStore } from "@/lib/provider-health/shared-circuit-store";

type TAgentRef = { orgSlug: string; agentSlug: string };

// Provider health on the Overview tab: `target` names a link of the running
// chain by its credential and model; the server checks it belongs there.
export async function resetHealthAction(ref: TAgentRef, target: unknown): Promise<TActionResult> {
  const result = await resetHealthAs({ userId: await currentUserId(), ...ref, input: target, store: sharedCircuitStore });
  if (result.ok) revalidatePath(`/${ref.orgSlug}/agents/${ref.agentSlug}`);
  return result;
}

export async function probeNowAction(ref: TAgentRef, target: unknown): Promise<TActionResult<{ ok: boolean; message: string }>> {
  const result = await probeNowAs({ userId: await currentUserId(), ...ref, input: target, store: sharedCircuitStore });
  if (result.ok) revalidatePath(`/${ref.orgSlug}/agents/${ref.agentSlug}`);
  return result;
}
