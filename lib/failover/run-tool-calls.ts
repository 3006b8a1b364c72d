// One tool round: run what the model asked for and extend the history.
// Calls handed back to the API caller get their results in the caller's next
// request; every other call runs here.
import type { TChatResult, TToolCall } from "../providers/types";
import { parseToolArguments } from "./policy";
import type { TTurnState } from "./turn-state";

export async function runToolCalls(turn: TTurnState, result: TChatResult, handBack: readonly TToolCall[]): Promise<void> {
  turn.newMessages.push({ role: "assistant", content: result.text, toolCalls: result.toolCalls });
  for (const call of result.toolCalls) {
    if (handBack.includes(call)) continue;
    // A backup that repeats a call the primary already made gets the recorded
    // result: tools may have side effects, so none runs twice in a turn.
    const content = turn.executed.get(call.id) ?? (await execute(turn, call));
    turn.executed.set(call.id, content);
    turn.newMessages.push({ role: "tool", toolCallId: call.id, toolName: call.name, content });
  }
  turn.toolSteps += 1;
}

async function execute(turn: TTurnState, call: TToolCall): Promise<string> {
  const tools = turn.input.tools;
  if (!tools) return `Error: there is no tool named "${call.name}".`;
  try {
    // Arguments were validated before the round started.
    return await tools.execute({ name: call.name, args: parseToolArguments(call.arguments) ?? {} });
  } catch (error) {
    // A broken tool is the model's problem to work around, not a provider
    // failure, so it becomes the tool's answer.
    const reason = error instanceof Error ? error.message : String(error);
    return `Error: the tool failed: ${reason}`;
  }
}
