// A TSimTurn for unit tests: a plain "hello" with nothing asked of tools or format.
import type { TSimTool, TSimTurn } from "@/lib/simulator/turn";

const NO_ARGUMENTS = { type: "object", properties: {} };

export type TTurnOver = Omit<Partial<TSimTurn>, "tools" | "toolNames"> & { tools?: Array<string | TSimTool> };

/** Tools given by name take no arguments. */
export function simTurn({ tools = [], ...over }: TTurnOver = {}): TSimTurn {
  const offered = tools.map((tool) => (typeof tool === "string" ? { name: tool, parameters: NO_ARGUMENTS } : tool));
  return {
    model: "m",
    stream: true,
    includeUsage: true,
    lastUserText: "hello",
    images: 0,
    toolChoice: { type: "auto" },
    parallelToolCalls: true,
    responseFormat: { type: "text" },
    calledTools: [],
    toolResults: [],
    promptWords: 1,
    ...over,
    tools: offered,
    toolNames: offered.map((tool) => tool.name),
  };
}
