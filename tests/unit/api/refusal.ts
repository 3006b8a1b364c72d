// What a 400 tells the caller: its status, the OpenAI error fields and message.
import { ApiError } from "@/lib/api/api-error";

export function refusal(run: () => unknown) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(caught)}`);
  const { status, message, details } = caught;
  return { status, type: details.type, param: details.param, code: details.code, message };
}
