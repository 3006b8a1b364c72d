// The tools an agent can switch on. Results are plain text the model reads;
// a tool that cannot do its job says so in the text instead of throwing, so
// the model can recover within the same turn.
import { z } from "zod";

import type { TToolSpec } from "../providers/types";
import { evaluateExpression } from "./calculator";
import type { TToolbox } from "./types";

export const BUILTIN_TOOL_NAMES = ["current_time", "calculator"] as const;
export const ZBuiltinToolName = z.enum(BUILTIN_TOOL_NAMES);
export type TBuiltinToolName = z.infer<typeof ZBuiltinToolName>;

const BUILTIN_TOOL_SPECS: Record<TBuiltinToolName, TToolSpec> = {
  current_time: {
    name: "current_time",
    description: "Returns the current date and time in UTC as an ISO 8601 string.",
    parameters: { type: "object", properties: {}, additionalProperties: false },
  },
  calculator: {
    name: "calculator",
    description: "Evaluates an arithmetic expression with + - * / parentheses and decimal numbers, e.g. (2.5 + 4) * 3.",
    parameters: {
      type: "object",
      properties: {
        expression: { type: "string", description: "The expression to evaluate." },
      },
      required: ["expression"],
      additionalProperties: false,
    },
  },
};

const ZCalculatorArgs = z.object({ expression: z.string() });

export function createBuiltinToolbox(input: { enabled: readonly TBuiltinToolName[]; clock: () => Date }): TToolbox {
  const enabled = new Set(input.enabled);
  return {
    specs: BUILTIN_TOOL_NAMES.filter((name) => enabled.has(name)).map((name) => BUILTIN_TOOL_SPECS[name]),
    execute: ({ name, args }) => {
      if (name === "current_time" && enabled.has(name)) return input.clock().toISOString();
      if (name === "calculator" && enabled.has(name)) return runCalculator(args);
      return `Error: there is no tool named "${name}".`;
    },
  };
}

function runCalculator(args: Record<string, unknown>): string {
  const parsed = ZCalculatorArgs.safeParse(args);
  if (!parsed.success) return 'Error: pass {"expression": "<arithmetic>"}.';
  const result = evaluateExpression(parsed.data.expression);
  return result.ok ? String(result.value) : `Error: ${result.error}.`;
}
