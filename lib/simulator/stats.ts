// Run-time state of one simulator: calls counted per key and vendor (so tests
// can assert who was called), the requests each key sent (so tests can check
// what an adapter put on the wire), behaviour overrides (to stage an outage)
// and each key's timeline (so a benchmark can time what follows the provider).
import { keyHint } from "../crypto/key-hint";
import { parseBehaviour, type TBehaviour } from "./behaviours";
import { createBoundedLog } from "./bounded-log";
import { createTimelines, type TChunkClock, type TSimTimeline } from "./timeline";

export type TSimVendor = "openai" | "anthropic" | "google";

export type TSimCalls = Partial<Record<TSimVendor, number>>;
// The listing is keyed by key hints (as the dashboard shows keys), never by
// whole keys: one key's counts are asked for by the key (callsOf).
export type TSimStats = { calls: Record<string, TSimCalls> };

// A request as received: lets tests check the wire format an adapter
// produced, not only the answer it got. Headers (the API key) are not kept.
export type TSimRequest = { vendor: TSimVendor; path: string; body: unknown };

// The last requests of the keys used most recently.
const REQUEST_LOG_LIMITS = { keys: 1000, perKey: 20 };

export type TSimState = {
  // Counts the call and returns its number for this key and vendor (1-based).
  recordCall(key: string, request: TSimRequest): number;
  lastRequest(key: string): TSimRequest | undefined;
  // The key's last requests, oldest first.
  requests(key: string): readonly TSimRequest[];
  // Notes the arrival of a call to this key; the clock it returns notes each
  // text chunk the call writes.
  callArrived(key: string): TChunkClock;
  timeline(key: string): TSimTimeline | undefined;
  behaviourFor(key: string): TBehaviour | undefined;
  setOverride(key: string, behaviour: TBehaviour | null): void;
  reset(): void;
  stats(): TSimStats;
  callsOf(key: string): TSimCalls;
};

// Keys that share their last four characters share a line of the listing.
function addInto(total: TSimCalls, calls: TSimCalls): TSimCalls {
  for (const [vendor, count] of Object.entries(calls) as Array<[TSimVendor, number]>) total[vendor] = (total[vendor] ?? 0) + count;
  return total;
}

export function createSimState(): TSimState {
  const calls = new Map<string, TSimCalls>();
  const overrides = new Map<string, TBehaviour>();
  const requests = createBoundedLog<TSimRequest>(REQUEST_LOG_LIMITS);
  const timelines = createTimelines();

  return {
    recordCall(key, request) {
      const { vendor } = request;
      requests.push(key, request);
      const perVendor: TSimCalls = calls.get(key) ?? {};
      const count = (perVendor[vendor] ?? 0) + 1;
      perVendor[vendor] = count;
      calls.set(key, perVendor);
      return count;
    },
    lastRequest: (key) => requests.get(key)?.at(-1),
    requests: (key) => requests.get(key) ?? [],
    callArrived: (key) => timelines.arrived(key),
    timeline: (key) => timelines.timeline(key),
    behaviourFor(key) {
      return overrides.get(key) ?? parseBehaviour(key);
    },
    setOverride(key, behaviour) {
      if (behaviour) overrides.set(key, behaviour);
      else overrides.delete(key);
    },
    reset() {
      calls.clear();
      overrides.clear();
      requests.clear();
      timelines.clear();
    },
    stats() {
      const listing: TSimStats["calls"] = {};
      for (const [key, perVendor] of calls) listing[keyHint(key)] = addInto(listing[keyHint(key)] ?? {}, perVendor);
      return { calls: listing };
    },
    callsOf: (key) => ({ ...calls.get(key) }),
  };
}
