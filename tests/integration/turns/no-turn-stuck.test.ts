// No turn stays running for ever: a link that cannot be called is skipped,
// a job out of retries settles its turn as failed, and the reconciler ends a
// turn still running past its budget. Real worker processes, PostgreSQL,
// Redis and the simulator over HTTP.
import { randomUUID } from "node:crypto";

import { afterEach, describe, expect, it } from "vitest";

import { POST } from "@/app/api/v1/chat/completions/route";
import { toEventDto } from "@/lib/activity/event-dto";
import { ZSetPrimary } from "@/lib/agents/schemas";
import { setPrimary } from "@/lib/agents/set-primary";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";
import { deleteCredential } from "@/lib/credentials/manage-credentials";
import { db } from "@/lib/db/client";
import { simulatorBaseUrl } from "@/lib/providers/catalog";
import { reconcileTurns } from "@/lib/turns/reconcile-turns";
import { streamKey } from "@/lib/turns/turn-stream";
import { createSavedProvider, unique } from "@/prisma/factories";

import { useSettleDeps } from "../../fixtures/settle-deps";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";

const harness = useTurnHarness("stuck");
const settleDeps = useSettleDeps();

const OPENAI_LABEL = "OpenAI (simulated)";
const BACKUP_LABEL = "Anthropic (simulated)";

// The failover event the settled turn wrote, as the feed shows it.
async function failoverOf(agentId: string) {
  const event = await db.activityEvent.findFirstOrThrow({ where: { agentId, type: "failover" }, include: { agent: { select: { name: true, slug: true } } } });
  return { data: event.data as Record<string, unknown>, dto: toEventDto({ ...event, actorName: null }, { orgSlug: "o", showAgent: false }) };
}

describe("a link that cannot be called", () => {
  it("is skipped when its key does not open: recorded as an attempt saying so, and the backup answers", async () => {
    const { org, agent, providers } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    // A ciphertext moved to another row does not open there.
    await db.credential.update({
      where: { id: providers.primary.id, orgId: org.id },
      data: { keyCipher: (await db.credential.findUniqueOrThrow({ where: { id: providers.backup.id } })).keyCipher },
    });

    const turn = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello" })).id);

    expect(turn).toMatchObject({ state: "answered", answeredBy: BACKUP_LABEL, failedOver: true });
    expect(turn.attempts[0]).toMatchObject({
      label: OPENAI_LABEL,
      skipped: "key_unreadable",
      message: expect.stringMatching(/^The key could not be opened/),
      latencyMs: 0,
    });
    const { data, dto } = await failoverOf(agent.id);
    expect(data.reason).toBe("key_unreadable");
    expect(dto.attempts[0]?.outcome).toBe("Skipped (key could not be opened)");
    expect(dto.sentence).toContain("its key could not be opened");
  });

  it("is skipped when its saved provider was deleted after a chain edit without a restart, and the backup answers", async () => {
    const { org, user, agent, providers } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const other = await createSavedProvider({
      orgId: org.id,
      name: unique("Other"),
      vendor: "openai",
      apiKey: "sim-ok",
      defaultModel: "gpt-4o-mini",
      baseUrl: simulatorBaseUrl("openai", harness.simulatorUrl),
    });
    await setPrimary(
      { orgId: org.id, agentId: agent.id, userId: user.id },
      ZSetPrimary.parse({ credentialId: other.id, model: "gpt-4o-mini", firstTokenTimeoutSeconds: 30, stallTimeoutSeconds: 30 }),
    );
    await deleteCredential({ orgId: org.id, credentialId: providers.primary.id });

    const turn = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello" })).id);

    expect(turn).toMatchObject({ state: "answered", answeredBy: BACKUP_LABEL, failedOver: true });
    expect(turn.attempts[0]).toMatchObject({
      label: OPENAI_LABEL,
      skipped: "provider_deleted",
      message: expect.stringMatching(/^The saved provider was deleted after the last restart/),
    });
    const { dto } = await failoverOf(agent.id);
    expect(dto.attempts[0]?.outcome).toBe("Skipped (saved provider deleted)");
  });
});

describe("a turn whose job runs out of retries", () => {
  // PostgreSQL refuses to move this agent's turns to running, so every
  // attempt at the job fails at the claim: a database failure, for real.
  const triggers: string[] = [];
  afterEach(async () => {
    for (const name of triggers.splice(0)) {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON turns`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${name}()`);
    }
  });
  async function refuseClaims(agentId: string) {
    const name = `refuse_claim_${randomUUID().replace(/-/g, "")}`;
    triggers.push(name);
    await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'claim refused by the test'; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE UPDATE ON turns FOR EACH ROW WHEN (NEW.agent_id = '${agentId}' AND NEW.state = 'running') EXECUTE FUNCTION ${name}()`,
    );
  }

  it("is settled as failed: the API caller gets a 502, and the turn's stream ends with the error the chat shows", async () => {
    const { org, user, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const { key } = await createApiKey({ orgId: org.id, agentId: agent.id, userId: user.id }, ZCreateApiKey.parse({ name: "Stuck" }));
    await refuseClaims(agent.id);

    const response = await POST(
      new Request("http://localhost/api/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: agent.slug, messages: [{ role: "user", content: "Hello" }] }),
      }),
    );

    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { message: string; code: string } };
    expect(body.error).toMatchObject({ code: "server_error", message: expect.stringMatching(/^The turn could not be run: it failed 3 times/) });
    const turn = await db.turn.findFirstOrThrow({ where: { orgId: org.id, agentId: agent.id } });
    expect(turn).toMatchObject({ state: "failed", errorOutcome: "server_error" });
    const entries = await settleDeps.streams.xrange(streamKey(turn.id), "-", "+");
    const end = entries.map(([, fields]) => fields).find((fields) => fields[1] === "end");
    expect(JSON.parse(end?.[3] ?? "{}")).toMatchObject({ ok: false, error: { outcome: "server_error", message: turn.errorMessage } });
  });
});

describe("the reconciler", () => {
  // The agent's running budget is 1 s; turns are placed in time by hand.
  async function runningTurn({
    orgId,
    agentId,
    startedAgoMs,
    createdAgoMs = startedAgoMs,
  }: {
    orgId: string;
    agentId: string;
    startedAgoMs: number;
    createdAgoMs?: number;
  }) {
    const conversation = await db.conversation.create({ data: { orgId, agentId, source: "chat", title: unique("overdue") } });
    return db.turn.create({
      data: {
        orgId,
        agentId,
        conversationId: conversation.id,
        state: "running",
        createdAt: new Date(Date.now() - createdAgoMs),
        startedAt: new Date(Date.now() - startedAgoMs),
      },
    });
  }

  it("settles a turn still running past its budget and grace, says how many, and leaves turns within them", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const running = await db.agent.findUniqueOrThrow({ where: { id: agent.id, orgId: org.id }, select: { runtime: true } });
    await db.agent.update({ where: { id: agent.id, orgId: org.id }, data: { runtime: { ...(running.runtime as object), turnBudgetMs: 1000 } } });
    const overdue = await runningTurn({ orgId: org.id, agentId: agent.id, startedAgoMs: 30_000 });
    const recent = await runningTurn({ orgId: org.id, agentId: agent.id, startedAgoMs: 0 });
    // Waited long in its organization's lane, then claimed: its budget counts from the claim.
    const waitedLong = await runningTurn({ orgId: org.id, agentId: agent.id, startedAgoMs: 0, createdAgoMs: 60_000 });

    const counts = await reconcileTurns({ deps: settleDeps, overdueGraceMs: 10_000 });

    expect(counts.settledOverdue).toBeGreaterThanOrEqual(1);
    expect(await db.turn.findUniqueOrThrow({ where: { id: overdue.id } })).toMatchObject({
      state: "failed",
      errorOutcome: "timeout",
      errorMessage: expect.stringMatching(/did not finish within its time budget/),
    });
    const left = await db.turn.findMany({ where: { id: { in: [recent.id, waitedLong.id] } }, select: { state: true } });
    expect(left.map((t) => t.state)).toEqual(["running", "running"]);
    await db.turn.updateMany({ where: { id: { in: [recent.id, waitedLong.id] } }, data: { state: "failed" } });
  });
});
