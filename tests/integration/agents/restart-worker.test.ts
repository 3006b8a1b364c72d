import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getAgent } from "@/lib/agents/get-agent";
import { requestControl } from "@/lib/agents/request-control";
import { ZSetBackup } from "@/lib/agents/schemas";
import { setBackup } from "@/lib/agents/set-backup";
import { db } from "@/lib/db/client";

import { anthropicBackup, createAgentWithProviders } from "../../fixtures/agents";
import { isolateQueues } from "../../fixtures/isolated-queues";
import { eventually, startWorker, type TWorkerProcess } from "../../fixtures/worker-process";

isolateQueues("restart-worker");

let worker: TWorkerProcess;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(async () => {
  expect(await worker.stop()).toBe(0);
});

const untilStatus = (agentId: string, status: string) =>
  eventually(`agent ${status}`, async () => {
    const agent = await db.agent.findUniqueOrThrow({ where: { id: agentId } });
    return agent.status === status ? agent : undefined;
  });

describe("restart through a real worker process", () => {
  it("changes the running chain only at restart", async () => {
    const { chain, org, agent, providers } = await createAgentWithProviders();
    await requestControl({ ...chain, action: "start" });
    const started = await untilStatus(agent.id, "running");
    expect(started.runningVersion).toBe(1);

    await setBackup(chain, anthropicBackup(providers.anthropic.id));
    const pending = (await getAgent({ orgId: org.id, slug: agent.slug }))!;
    expect(pending.displayStatus).toBe("restart_required");
    expect(pending.running?.links.map((l) => l.label)).toEqual(["OpenAI (simulated)"]);

    await requestControl({ ...chain, action: "restart" });
    await untilStatus(agent.id, "running");
    const restarted = (await getAgent({ orgId: org.id, slug: agent.slug }))!;
    expect(restarted.displayStatus).toBe("running");
    expect(restarted.running).toMatchObject({ version: 2, links: [{ label: "OpenAI (simulated)" }, { label: "Anthropic (simulated)", vendor: "anthropic" }] });
    const event = await db.activityEvent.findFirstOrThrow({ where: { agentId: agent.id, type: "agent_restarted" } });
    expect(event).toMatchObject({
      actorId: chain.userId,
      data: { next: ["OpenAI (simulated) (gpt-4o-mini)", "Anthropic (simulated) (claude-3-5-haiku-latest)"], changed: true },
    });
  });

  it("ends two restarts clicked at once in one consistent running version", async () => {
    const { chain, agent, providers } = await createAgentWithProviders();
    await setBackup(chain, anthropicBackup(providers.anthropic.id));
    await Promise.all([requestControl({ ...chain, action: "restart" }), requestControl({ ...chain, action: "restart" })]);
    await eventually("both restarts applied", async () =>
      (await db.activityEvent.count({ where: { agentId: agent.id, type: "agent_restarted" } })) === 2 ? true : undefined,
    );
    const final = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(final).toMatchObject({ status: "running", runningVersion: final.configVersion });
    expect((final.runtime as { version: number }).version).toBe(final.configVersion);
  });

  it("goes to Error naming the broken link, and keeps the chain it was running", async () => {
    const { chain, agent, providers } = await createAgentWithProviders();
    await requestControl({ ...chain, action: "start" });
    const running = await untilStatus(agent.id, "running");
    await setBackup(
      chain,
      ZSetBackup.parse({
        mode: "api_key",
        vendor: "google",
        apiKey: "sim-ok~broken",
        model: "gemini-2.0-flash",
        firstTokenTimeoutSeconds: 30,
        stallTimeoutSeconds: 30,
      }),
    );
    // A ciphertext moved from another row does not open: the vault binds it to its row.
    const pastedKey = await db.credential.findFirstOrThrow({ where: { agentId: agent.id } });
    const other = await db.credential.findUniqueOrThrow({ where: { id: providers.anthropic.id } });
    await db.credential.update({ where: { id: pastedKey.id }, data: { keyCipher: other.keyCipher } });

    await requestControl({ ...chain, action: "restart" });
    const failed = await untilStatus(agent.id, "error");
    expect(failed.statusMessage).toMatch(/^Backup 1 \(API key …oken\): its key cannot be opened/);
    expect(failed.runningVersion).toBe(running.runningVersion);
    expect(failed.runtime).toEqual(running.runtime);
  });

  it("stops an agent", async () => {
    const { chain, agent } = await createAgentWithProviders();
    await requestControl({ ...chain, action: "start" });
    await untilStatus(agent.id, "running");
    await requestControl({ ...chain, action: "stop" });
    await untilStatus(agent.id, "stopped");
    expect(await db.activityEvent.count({ where: { agentId: agent.id, type: "agent_stopped" } })).toBe(1);
  });
});
