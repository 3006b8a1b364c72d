// A chat completions request's tools and parameters as the turn's stored
// options (lib/turns/caller-options.ts), under the agent's two switches.
import type { TApiCaller } from "../api-keys/authenticate-api-key";
import type { TResponseFormat, TSampling, TToolChoice } from "../providers/types";
import type { TCallerOptions } from "../turns/caller-options";
import { ApiError } from "./api-error";
import type { TChatCompletionRequest } from "./schemas";
import { textOf } from "./to-turn-messages";

// What "Callers may send tools and parameters" switches off. `user` and
// `metadata` say who is asking, not how to answer, so they stay allowed.
const CALLER_PARAMS = [
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "seed",
  "response_format",
] as const satisfies ReadonlyArray<keyof TChatCompletionRequest>;

const invalid = (param: string, message: string) => new ApiError(400, message, { type: "invalid_request_error", param, code: "invalid_value" });

function toolChoice(choice: TChatCompletionRequest["tool_choice"]): TToolChoice | undefined {
  if (!choice) return undefined;
  return typeof choice === "string" ? { type: choice } : { type: "tool", toolName: choice.function.name };
}

function responseFormat(format: TChatCompletionRequest["response_format"]): TResponseFormat | undefined {
  if (!format || format.type !== "json_schema") return format ?? undefined;
  const { name, description, schema, strict } = format.json_schema;
  // Without a schema, json_schema asks for no more than a JSON object.
  if (!schema) return { type: "json_object" };
  return { type: "json_schema", name, schema, ...(description ? { description } : {}), ...(strict == null ? {} : { strict }) };
}

const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;

function sampling(request: TChatCompletionRequest): TSampling {
  return defined({
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    stop: request.stop?.length ? request.stop : undefined,
    seed: request.seed ?? undefined,
    user: request.user ?? undefined,
    parallelToolCalls: request.parallel_tool_calls ?? undefined,
  });
}

/**
 * The turn's options, or undefined when the request asks nothing of it.
 * `builtinTools` are the agent's enabled built-in tools: a caller tool may
 * not take one's name, or the model could not tell which one it calls.
 */
export function toCallerOptions(
  request: TChatCompletionRequest,
  caller: Pick<TApiCaller, "callerParams" | "callerSystem">,
  builtinTools: readonly string[],
): TCallerOptions | undefined {
  if (!caller.callerParams) {
    const sent = CALLER_PARAMS.find((param) => request[param] !== undefined && request[param] !== null);
    if (sent)
      throw invalid(
        sent,
        `This agent does not accept callers' tools and parameters; remove '${sent}' or turn on "Callers may send tools and parameters" on the agent's API tab.`,
      );
  }
  const tools = (request.tools ?? []).map(({ function: tool }) => ({
    name: tool.name,
    description: tool.description ?? "",
    parameters: tool.parameters ?? { type: "object", properties: {} },
  }));
  const clash = tools.findIndex((tool) => builtinTools.includes(tool.name));
  if (clash >= 0)
    throw invalid(`tools[${clash}].function.name`, `"${tools[clash]!.name}" is the name of one of the agent's built-in tools; give your tool another name.`);
  const system =
    caller.callerSystem === "append"
      ? request.messages
          .flatMap((m) => (m.role === "system" || m.role === "developer" ? [textOf(m.content)] : []))
          .filter(Boolean)
          .join("\n\n")
      : "";
  const asked = defined({
    toolChoice: toolChoice(request.tool_choice),
    responseFormat: responseFormat(request.response_format),
    system: system || undefined,
    metadata: request.metadata ?? undefined,
  });
  const samplingAsked = sampling(request);
  // A plain chat request stores no options, as a Chat tab turn does not.
  if (tools.length === 0 && Object.keys(asked).length === 0 && Object.keys(samplingAsked).length === 0) return undefined;
  return { tools, sampling: samplingAsked, ...asked };
}
