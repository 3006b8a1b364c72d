// Public surface of the failover engine.
export { runTurn } from "./run-turn";
export type { TAttempt, TLink, TTurnResult } from "./types";
export { BUILTIN_TOOL_NAMES, ZBuiltinToolName, createBuiltinToolbox } from "./builtin-tools";
export { DEFAULT_CIRCUIT_PARAMS, canPass, type TCircuitState } from "./circuit";
export type { TCircuitStore } from "./circuit-store";
export { createRedisCircuitStore } from "./redis-circuit-store";
