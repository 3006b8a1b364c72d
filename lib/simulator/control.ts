// Run-time control of the simulator: stage an outage on a key, clear it,
// read call counts. Tests and the demo use it; real vendors have no such thing.
import type { ServerResponse } from "node:http";

import { z } from "zod";

import { parseBehaviour } from "./behaviours";
import { parseJson, sendJson } from "./http-util";
import type { TSimState } from "./stats";

const ZControlBody = z.strictObject({
  key: z.string().min(1),
  // Another simulator key whose behaviour to adopt (e.g. "sim-429"), or null to clear.
  behaviour: z.string().min(1).nullable(),
});

export function handleControl(raw: string, res: ServerResponse, state: TSimState): void {
  const parsed = ZControlBody.safeParse(parseJson(raw));
  if (!parsed.success) {
    return sendJson(res, 400, { error: `Invalid control body: ${z.prettifyError(parsed.error)}` });
  }
  const { key, behaviour } = parsed.data;
  if (behaviour === null) {
    state.setOverride(key, null);
    return sendJson(res, 200, { ok: true, key, behaviour: null });
  }
  const parsedBehaviour = parseBehaviour(behaviour);
  if (!parsedBehaviour) return sendJson(res, 400, { error: `Unknown behaviour "${behaviour}"; use a simulator key such as "sim-429".` });
  state.setOverride(key, parsedBehaviour);
  sendJson(res, 200, { ok: true, key, behaviour });
}
