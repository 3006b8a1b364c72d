// Runs in the worker: applies Start, Restart or Stop under a row lock, so two
// restarts requested at once end in one consistent running version.
import { recordEvent } from "../activity/record-event";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { TControlJob } from "../queue/names";
import { lockAgent } from "./chain-tx";
import { buildRuntime, parseRuntime, type TRuntime } from "./runtime";

const describe = (runtime: TRuntime | null) => runtime?.links.map((l) => `${l.label} (${l.model})`) ?? [];

export async function applyControl(job: TControlJob) {
  return db.$transaction(async (tx) => {
    await lockAgent(tx, job);
    const agent = await tx.agent.findUniqueOrThrow({ where: { id: job.agentId, orgId: job.orgId }, select: { configVersion: true, runtime: true } });
    const where = { id: job.agentId, orgId: job.orgId };
    const base = { orgId: job.orgId, agentId: job.agentId, actorId: job.requestedById };

    if (job.action === "stop") {
      await tx.agent.update({ where, data: { status: "stopped", statusMessage: null } });
      await recordEvent(tx, { ...base, type: "agent_stopped", data: {} });
      return { status: "stopped" as const };
    }
    let runtime: TRuntime;
    try {
      runtime = await buildRuntime(tx, { orgId: job.orgId, agentId: job.agentId, version: agent.configVersion });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Nothing half-applied: the previous runtime and running version stay as they were.
      await tx.agent.update({ where, data: { status: "error", statusMessage: error.message } });
      await recordEvent(tx, { ...base, type: "agent_error", severity: "error", data: { message: error.message } });
      return { status: "error" as const, message: error.message };
    }
    const previous = describe(parseRuntime(agent.runtime));
    const next = describe(runtime);
    await tx.agent.update({ where, data: { status: "running", statusMessage: null, runtime, runningVersion: runtime.version } });
    await recordEvent(tx, {
      ...base,
      type: job.action === "start" ? "agent_started" : "agent_restarted",
      data: { version: runtime.version, previous, next, changed: JSON.stringify(previous) !== JSON.stringify(next) },
    });
    return { status: "running" as const, version: runtime.version };
  });
}
