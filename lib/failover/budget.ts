// Time budget of a turn. Pure.
//
// The person waits for the whole turn, not for one provider, so a turn has
// one budget (turnMs, an agent setting). A link's own deadlines judge silence
// (first token, stall); the budget caps how long its call may run in all,
// never so long that the links after it lose their reserve: every later link
// keeps min(its first token timeout, reserveFloorMs). A hung primary is
// therefore aborted while the backups still have time to answer. The floor
// caps each reserve so that a long chain of slow backups cannot starve the
// primary down to nothing.
export type TBudgetParams = {
  turnMs: number;
  reserveFloorMs: number;
  // Below this an attempt cannot realistically answer, so it is not made.
  minAttemptMs: number;
};

export const DEFAULT_BUDGET_PARAMS: TBudgetParams = {
  turnMs: 600_000,
  reserveFloorMs: 15_000,
  minAttemptMs: 1_000,
};

// How long the attempt at `index` may run in all.
export function attemptCapMs(input: { firstTokenTimeoutsMs: readonly number[]; index: number; remainingMs: number; params: TBudgetParams }): number {
  const { firstTokenTimeoutsMs, index, remainingMs, params } = input;
  const reserveMs = firstTokenTimeoutsMs.slice(index + 1).reduce((sum, timeoutMs) => sum + Math.min(timeoutMs, params.reserveFloorMs), 0);
  return Math.max(0, remainingMs - reserveMs);
}
