import type { TAgentUserScope } from "./agent-scope";
import { editChain } from "./chain-tx";
import { ANSWER_BREAK_LABEL, type TAnswerBreakPolicy, type TSetAnswering } from "./schemas";

type TAnswering = { turnBudgetMs: number; onBreak: TAnswerBreakPolicy };

const minutes = (ms: number) => {
  const n = ms / 60_000;
  return n === 1 ? "1 minute" : `${n} minutes`;
};

// The activity line for what changed, in the words the AI Provider tab uses.
function describeAnsweringChange(before: TAnswering, after: TAnswering): string | null {
  const parts: string[] = [];
  if (before.turnBudgetMs !== after.turnBudgetMs) parts.push(`Turn budget set to ${minutes(after.turnBudgetMs)} (was ${minutes(before.turnBudgetMs)})`);
  if (before.onBreak !== after.onBreak)
    parts.push(`When an answer breaks off: ${ANSWER_BREAK_LABEL[after.onBreak]} (was ${ANSWER_BREAK_LABEL[before.onBreak]})`);
  return parts.length ? parts.join("; ") : null;
}

// The turn budget and the break policy are frozen into the runtime at restart,
// so they change like the chain does: a new config version and an event.
// Saving the values already set changes nothing and asks for no restart.
export async function setAnswering(ctx: TAgentUserScope, input: TSetAnswering) {
  return editChain(ctx, async (tx) => {
    const where = { id: ctx.agentId, orgId: ctx.orgId };
    const before = await tx.agent.findUniqueOrThrow({ where, select: { turnBudgetMs: true, onBreak: true } });
    const after = { turnBudgetMs: input.turnBudgetMinutes * 60_000, onBreak: input.onBreak };
    const change = describeAnsweringChange(before, after);
    if (change) await tx.agent.update({ where, data: after });
    return { change, result: undefined };
  });
}
