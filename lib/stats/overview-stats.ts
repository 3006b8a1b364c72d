// Everything the Overview charts show for one agent and range, read in parallel.
import type { TAgentScope } from "../agents/agent-scope";
import { answerShare } from "./answer-share";
import { providerLatency } from "./provider-latency";
import { providerTokens } from "./provider-tokens";
import { rangeWindow, type TRange } from "./range";
import { turnsPerHour } from "./turns-per-hour";

export async function overviewStats({ orgId, agentId, range, now = new Date() }: TAgentScope & { range: TRange; now?: Date }) {
  const window = rangeWindow(range, now);
  const scope = { orgId, agentId, window };
  const [hours, share, latency, tokens] = await Promise.all([turnsPerHour(scope), answerShare(scope), providerLatency(scope), providerTokens(scope)]);
  const totals = hours.reduce((sum, h) => ({ turns: sum.turns + h.turns, failovers: sum.failovers + h.failovers, failed: sum.failed + h.failed }), {
    turns: 0,
    failovers: 0,
    failed: 0,
  });
  return { range, window, hours, totals, share, latency, tokens };
}
export type TOverviewStats = Awaited<ReturnType<typeof overviewStats>>;

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

// The totals as one sentence, e.g. "312 turns, 14 failovers, 2 failed".
export function totalsSentence(totals: TOverviewStats["totals"]): string {
  return `${count(totals.turns, "turn")}, ${count(totals.failovers, "failover")}, ${totals.failed.toLocaleString("en")} failed`;
}
