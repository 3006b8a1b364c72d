// Time budget of a turn. Pure.
//
// The user waits for the whole turn, not for one provider, so a turn has one
// budget (turnMs). Each attempt gets its link's own timeout, but never so much
// that the links after it lose their reserve: every later link keeps
// min(its timeout, reserveFloorMs). A hung primary is therefore aborted while
// the backups still have time to answer. The floor caps each reserve so that a
// long chain of slow backups cannot starve the primary down to nothing; a
// backup whose timeout is above the floor can still use whatever the earlier
// links left unspent.
export type TBudgetParams = {
  turnMs: number;
  reserveFloorMs: number;
  // Below this an attempt cannot realistically answer, so it is not made.
  minAttemptMs: number;
};

export const DEFAULT_BUDGET_PARAMS: TBudgetParams = {
  turnMs: 120_000,
  reserveFloorMs: 15_000,
  minAttemptMs: 1_000,
};

export function attemptTimeoutMs(input: {
  linkTimeoutsMs: readonly number[];
  index: number;
  remainingMs: number;
  params: TBudgetParams;
}): number {
  const { linkTimeoutsMs, index, remainingMs, params } = input;
  const reserveMs = linkTimeoutsMs
    .slice(index + 1)
    .reduce((sum, timeoutMs) => sum + Math.min(timeoutMs, params.reserveFloorMs), 0);
  const ownMs = linkTimeoutsMs[index] ?? 0;
  return Math.max(0, Math.min(ownMs, remainingMs - reserveMs));
}
