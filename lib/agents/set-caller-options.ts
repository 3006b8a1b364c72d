import { recordEvent } from "../activity/record-event";
import { db } from "../db/client";
import type { TAgentUserScope } from "./agent-scope";
import { lockAgent } from "./chain-tx";
import type { TSetCallerOptions } from "./schemas";

// The activity line for what changed, in the words the API tab uses.
function describeCallerOptionsChange(before: TSetCallerOptions, after: TSetCallerOptions): string | null {
  const parts: string[] = [];
  if (before.callerParams !== after.callerParams)
    parts.push(after.callerParams ? "Callers may now send tools and parameters" : "Callers may no longer send tools and parameters");
  if (before.callerSystem !== after.callerSystem) {
    parts.push(after.callerSystem === "append" ? "Callers' system messages are now added after the instructions" : "Callers' system messages are now dropped");
  }
  return parts.length ? parts.join("; ") : null;
}

// The API reads these on every request (authenticateApiKey), so they apply
// from the next one: no config version, no restart. The row lock keeps two
// saves from both describing the same "before".
export async function setCallerOptions(scope: TAgentUserScope, input: TSetCallerOptions) {
  await db.$transaction(async (tx) => {
    await lockAgent(tx, scope);
    const where = { id: scope.agentId, orgId: scope.orgId };
    const before = await tx.agent.findUniqueOrThrow({ where, select: { callerParams: true, callerSystem: true } });
    const after = { callerParams: input.callerParams, callerSystem: input.callerSystem };
    const change = describeCallerOptionsChange(before, after);
    if (!change) return;
    await tx.agent.update({ where, data: after });
    await recordEvent(tx, { orgId: scope.orgId, agentId: scope.agentId, type: "chain_changed", actorId: scope.userId, data: { change } });
  });
}
