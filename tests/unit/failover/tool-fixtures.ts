// Tools for the failover tests: an API caller's own tool, offered next to
// the built-in ones, calls to it, and built-in tools that record their runs.
import { createBuiltinToolbox, type TBuiltinToolName } from "@/lib/failover/builtin-tools";
import type { TToolbox } from "@/lib/failover/types";
import type { TToolCall, TToolSpec } from "@/lib/providers/types";

export const LOOKUP_ORDER: TToolSpec = {
  name: "lookup_order",
  description: "Finds an order by its id.",
  parameters: {
    type: "object",
    properties: { orderId: { type: "string" } },
    required: ["orderId"],
    additionalProperties: false,
  },
};

export const lookupCall = (args: unknown, id = "call_lookup"): TToolCall => ({ id, name: "lookup_order", arguments: JSON.stringify(args) });

export const CALC_CALL: TToolCall = { id: "call_calc", name: "calculator", arguments: '{"expression":"2*(3+4)"}' };

// Built-in tools (the calculator unless told), recording the name of every
// tool they are asked to run.
export function recordingToolbox(enabled: TBuiltinToolName[] = ["calculator"], clock = () => new Date(0)): { tools: TToolbox; runs: string[] } {
  const builtin = createBuiltinToolbox({ enabled, clock });
  const runs: string[] = [];
  const tools: TToolbox = {
    specs: builtin.specs,
    execute: (call) => {
      runs.push(call.name);
      return builtin.execute(call);
    },
  };
  return { tools, runs };
}
