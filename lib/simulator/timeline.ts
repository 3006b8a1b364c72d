// When each call to a key arrived and when each of its text chunks left the
// simulator, on the epoch clock a benchmark on the same machine reads too
// (performance.timeOrigin + performance.now(), fractional ms). It lets the
// benchmark time the path after the provider without trusting its own guess
// of when the provider spoke.
import { createBoundedLog } from "./bounded-log";

export type TSimTimeline = { requestAt: number[]; chunks: number[][] };

// A busy simulator must not grow without bound: a few calls per key, a cap on
// the chunk times of one call, and only the keys called most recently.
const TIMELINE_LIMITS = { keys: 1000, callsPerKey: 4, chunksPerCall: 1000 };
type TTimelineLimits = typeof TIMELINE_LIMITS;

export const epochMs = () => performance.timeOrigin + performance.now();

// Notes that one more text chunk of this call is being written now.
export type TChunkClock = () => void;

type TTimelines = {
  arrived(key: string): TChunkClock;
  timeline(key: string): TSimTimeline | undefined;
  clear(): void;
};

type TCall = { requestAt: number; chunks: number[] };

export function createTimelines(limits: TTimelineLimits = TIMELINE_LIMITS, now: () => number = epochMs): TTimelines {
  const calls = createBoundedLog<TCall>({ keys: limits.keys, perKey: limits.callsPerKey });
  return {
    arrived(key) {
      const call: TCall = { requestAt: now(), chunks: [] };
      calls.push(key, call);
      // A call already dropped from the timeline still records into its own
      // list, which goes when the call's stream ends.
      return () => {
        if (call.chunks.length < limits.chunksPerCall) call.chunks.push(now());
      };
    },
    timeline(key) {
      const kept = calls.get(key);
      if (!kept) return undefined;
      return { requestAt: kept.map((c) => c.requestAt), chunks: kept.map((c) => [...c.chunks]) };
    },
    clear: () => calls.clear(),
  };
}
