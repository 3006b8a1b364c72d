// Public surface of the failover engine.
export { BUILTIN_TOOL_NAMES, createBuiltinToolbox, ZBuiltinToolName } from "./builtin-tools";
export { canPass, DEFAULT_CIRCUIT_PARAMS, type TCircuitState } from "./circuit";
export type { TCircuitStore } from "./circuit-store";
export { createRedisCircuitStore } from "./redis-circuit-store";
export { DEFAULT_FORCED_FAILURE, runTurn } from "./run-turn";
export type { TAttempt, TFailure, TLink, TTurnResult } from "./types";
