// Shapes the failover engine takes and returns.
import type {
  TChatRequest,
  TChatResult,
  TMessage,
  TOutcomeClass,
  TProviderTarget,
  TResponseFormat,
  TSampling,
  TToolChoice,
  TToolSpec,
} from "../providers/types";
import type { TBudgetParams } from "./budget";
import type { TCircuitEvent } from "./circuit";
import type { TCircuitStore } from "./circuit-store";

// One link of an agent's running provider chain; links[0] is the primary.
export type TLink = {
  linkId: string;
  // The saved provider (credential) the link calls: activity about the
  // link names it.
  credentialId: string;
  // Links that share a credential and model share health, so the caller
  // chooses the key (e.g. saved provider id + model).
  circuitKey: string;
  // Shown in attempts and activity, e.g. the saved provider's display name.
  label: string;
  target: TProviderTarget;
  // Deadlines that judge silence, not length: until the first piece of the
  // answer, and between two pieces once it streams.
  firstTokenTimeoutMs: number;
  stallTimeoutMs: number;
  // In tokens; decides which links may take a context_length failure.
  contextWindow: number;
  // False for a model known to read text only: skipped when the turn has images.
  takesImages?: boolean;
  // Set when the link cannot be called at all (its key does not open, or its
  // saved provider was deleted since the last restart): it is recorded as a
  // skipped attempt and the rest of the chain still answers.
  unusable?: { reason: TUnusableReason; message: string };
};

export type TUnusableReason = "key_unreadable" | "provider_deleted";

// A link and its place in the chain (the budget and "last hope" need both).
export type TPosition = { link: TLink; index: number };

// "forced": a failover drill made the link fail without calling it.
export type TSkipReason = "circuit_open" | "context_window" | "no_budget" | "no_images" | "forced" | TUnusableReason;

export type TAttempt = {
  linkId: string;
  label: string;
  model: string;
  // For a skipped link: why it was not worth calling (its circuit's last
  // error, context_length, or timeout).
  outcome: TOutcomeClass;
  status?: number;
  // When the call began (a skipped link: when it was passed over), on
  // deps.now()'s clock: traces place the attempt's span by it.
  startedAt: number;
  latencyMs: number;
  skipped?: TSkipReason;
  // The retry made with a corrective instruction after empty/bad_tool_call.
  corrective?: boolean;
  message?: string;
  // How many tool rounds the turn had completed before this attempt.
  step: number;
  // Pieces of text (about a token each from real vendors) this attempt sent
  // to the caller; a failed attempt that delivered some broke off mid-answer.
  delivered?: number;
  // Asked to continue an answer an earlier attempt broke off.
  continued?: boolean;
  // Tokens the provider reported for this call (also for an unusable answer).
  usage?: { inputTokens: number; outputTokens: number };
};

export type TFailure = { outcome: TOutcomeClass; status?: number; message: string };

// Links a failover drill makes fail inside the engine, so the link after them
// answers as it would in an outage. A forced link is not called, consults no
// circuit and records no health: it is recorded as an attempt skipped
// "forced", with `failure` (a 503 server error by default) as its outcome.
export type TForcedFailures = { linkIds: readonly string[]; failure?: TFailure };

export type TToolbox = {
  specs: TToolSpec[];
  execute: (call: { name: string; args: Record<string, unknown> }) => Promise<string> | string;
};

// What happens when an answer breaks off after text reached the caller: the
// next link continues it, or the turn ends with an error. Never a clean end
// on a partial answer.
export type TBreakPolicy = "continue_on_backup" | "end_with_error";

// A value judged against a JSON Schema: a tool's parameters, or a
// json_schema response format. "timed_out": the check took longer than
// `limitMs` and was stopped, so it says nothing about the value.
export type TSchemaVerdict = { kind: "valid" } | { kind: "invalid"; problem: string } | { kind: "timed_out"; limitMs: number };
export type TSchemaCheck = (input: { schema: Record<string, unknown>; value: unknown }) => Promise<TSchemaVerdict>;

export type TTurnDeps = {
  call: (req: TChatRequest) => Promise<TChatResult>;
  // Each piece of the answer as it streams, with the link that produced it.
  onText?: (text: string, link: TLink) => void;
  classifyError: (error: unknown) => TFailure;
  classifyResult: (result: TChatResult, toolsOffered: boolean) => "ok" | "empty" | "bad_tool_call";
  // Callers' schemas can be built to take any time to check: the worker
  // checks in a pool of threads with a time limit, never on its event loop.
  checkSchema: TSchemaCheck;
  store: TCircuitStore;
  now: () => number;
  // Provider health is advisory: when the store is unreachable the turn goes
  // on as if every circuit were closed, and the caller gets to log why.
  onStoreError?: (error: unknown) => void;
};

export type TRunTurnInput = {
  links: TLink[];
  system?: string;
  // The conversation so far, ending with the user's new message.
  messages: TMessage[];
  tools?: TToolbox;
  // The API caller's own tools, offered next to the built-in ones but never
  // run here: a reply that calls one ends the turn and hands the calls back.
  callerTools?: TToolSpec[];
  // Applies to the turn's first call; after a built-in tool round the model
  // chooses freely, or "required" would loop until the tool limit.
  toolChoice?: TToolChoice;
  // A JSON format is judged on the whole answer, so its text reaches the
  // caller only once it has been validated.
  responseFormat?: TResponseFormat;
  sampling?: TSampling;
  deps: TTurnDeps;
  budget?: Partial<TBudgetParams>;
  // Tool rounds allowed in one turn.
  maxToolSteps?: number;
  onBreak?: TBreakPolicy;
  // Text an earlier run of this turn already sent to the caller (its worker
  // died mid-answer): the answer continues from there.
  resume?: string;
  forced?: TForcedFailures;
};

export type TTurnEvent = TCircuitEvent & { circuitKey: string; linkId: string; label: string; credentialId: string };

type TTurnCommon = {
  attempts: TAttempt[];
  // Everything the caller received, in order: the stored answer.
  spoken: string;
  // Links whose text the caller received, in order.
  contributors: TLink[];
  // Messages produced during the turn, in order, for the caller to persist:
  // assistant tool-call messages, tool results, then the final answer.
  newMessages: TMessage[];
  events: TTurnEvent[];
};

export type TTurnResult =
  | (TTurnCommon & { ok: true; answer: TChatResult; answeredBy: TLink; failedOver: boolean })
  | (TTurnCommon & { ok: false; error: TFailure; terminal: "no_failover" | "all_failed" | "broke_off" });
