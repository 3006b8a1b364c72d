// Public surface of the failover engine.
export { runTurn } from "./run-turn";
export type {
  TAttempt,
  TFailure,
  TLink,
  TRunTurnInput,
  TSkipReason,
  TToolbox,
  TTurnDeps,
  TTurnEvent,
  TTurnResult,
} from "./types";
export { DEFAULT_BUDGET_PARAMS, type TBudgetParams } from "./budget";
export {
  BUILTIN_TOOL_NAMES,
  BUILTIN_TOOL_SPECS,
  ZBuiltinToolName,
  createBuiltinToolbox,
  type TBuiltinToolName,
} from "./builtin-tools";
export { evaluateExpression, type TCalcResult } from "./calculator";
export {
  DEFAULT_CIRCUIT_PARAMS,
  canPass,
  type TCircuitEvent,
  type TCircuitParams,
  type TCircuitState,
} from "./circuit";
export type { TCircuitStore, TOpenCircuit } from "./circuit-store";
export { createMemoryCircuitStore } from "./memory-circuit-store";
export { createRedisCircuitStore, type TRedisCircuitStoreOptions } from "./redis-circuit-store";
