// Runs in the worker, before a turn is claimed: the turn waits in its
// organization's lane until one of the organization's slots is free
// (turn-slots.ts). A turn over the cap goes back to the queue's delayed set
// for a while, still `queued`, so the turns of other organizations that
// arrived meanwhile run first; a turn that leaves wakes the one that has
// waited longest, and the delay only covers a wake-up that was missed.
import { query, statement } from "../db/statement";
import type { TTurnJob } from "../queue/names";
import type { THeldSlot, TTurnSlots } from "./turn-slots";

export type TLaneEntry =
  // The organization is not there (deleted with its turns).
  { kind: "gone" } | { kind: "full" } | { kind: "entered"; job: TTurnJob; leave(): Promise<void> };

export type TTurnLane = { enter(job: TTurnJob): Promise<TLaneEntry> };

type TLaneDeps = {
  slots: TTurnSlots;
  defaultCap: number;
  // Brings a waiting turn's job forward from the delayed set. It may fail:
  // the turn may not be back in the delayed set yet, or be gone.
  wake: (turnId: string) => Promise<void>;
};

// The organization's own cap.
const ORG_CAP = statement<{ cap: number | null }>("turn_lane_cap", "SELECT max_turns_in_flight AS cap FROM organizations WHERE id = $1");

// A waiting turn looks again every few seconds; its cap is read from
// PostgreSQL at most this often, so waiting costs Redis calls only.
const CAP_CACHE_MS = 10_000;
const CAP_CACHE_SIZE = 10_000;

export function turnLane({ slots, defaultCap, wake }: TLaneDeps): TTurnLane {
  const caps = new Map<string, { cap: number; until: number }>();
  async function capOf(orgId: string): Promise<number | undefined> {
    const cached = caps.get(orgId);
    if (cached && cached.until > Date.now()) return cached.cap;
    const [row] = await query(ORG_CAP, [orgId]);
    if (!row) return undefined;
    const cap = row.cap !== null && row.cap > 0 ? row.cap : defaultCap;
    if (caps.size >= CAP_CACHE_SIZE) caps.clear();
    caps.set(orgId, { cap, until: Date.now() + CAP_CACHE_MS });
    return cap;
  }
  return {
    async enter(job) {
      const cap = await capOf(job.orgId);
      if (cap === undefined) return { kind: "gone" };
      const slot = await slots.hold({ orgId: job.orgId, turnId: job.turnId, cap });
      if (!slot) return { kind: "full" };
      return { kind: "entered", job, leave: () => leave(slot, wake) };
    },
  };
}

// A wake-up that fails is left to the woken turn's own delay.
async function leave(slot: THeldSlot, wake: TLaneDeps["wake"]) {
  const waiting = await slot.release();
  if (waiting) await wake(waiting).catch(() => undefined);
}

/**
 * How long a turn over the cap waits before it looks again, after it has
 * waited `deferred` times already: about half a second at first, so a freed
 * slot is soon taken, growing to about five, so a long backlog costs the
 * workers little. Spread by half either way, so the organization's waiting
 * turns do not all come back in the same instant.
 */
export function laneDelayMs(deferred: number, random = Math.random): number {
  const base = Math.min(500 * 2 ** Math.max(0, deferred), 5_000);
  return Math.round(base * (0.5 + random()));
}
