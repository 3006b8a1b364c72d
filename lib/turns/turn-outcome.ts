// The one vocabulary for how a turn failed: stored in turns.error_outcome,
// carried by the end of its stream and given to API callers as the error's
// code. It is a provider call's class (the primary's, when every link
// failed), or why the turn was not run at all.
import { OUTCOME_CLASSES, type TOutcomeClass } from "../providers/types";

const NOT_RUN = [
  // The worker found no running chain for the agent: the same conflict as a
  // stopped agent refusing the turn when it is submitted.
  "agent_not_running",
  // The job queue was down when the API stored the turn: its request got a
  // 503, and a retry with the same Idempotency-Key queues it again.
  "unavailable",
] as const;

export type TTurnOutcome = TOutcomeClass | (typeof NOT_RUN)[number];

const TURN_OUTCOMES: ReadonlySet<string> = new Set([...OUTCOME_CLASSES, ...NOT_RUN]);

// An outcome read back from storage or a stream: one this version does not
// know (or none) reads as a server error.
export const toTurnOutcome = (value: string | null | undefined): TTurnOutcome => (value && TURN_OUTCOMES.has(value) ? (value as TTurnOutcome) : "server_error");
