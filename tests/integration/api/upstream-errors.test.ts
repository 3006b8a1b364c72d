// What an API caller reads of a provider that cannot be reached: through the
// real route handler, a worker process, PostgreSQL, Redis and the simulator.
// The error names the class and the status, never the provider's address;
// the attempt record, which only members see, keeps the whole text.
import { createServer } from "node:net";

import { describe, expect, it } from "vitest";

import { POST } from "@/app/api/v1/chat/completions/route";
import { applyControl } from "@/lib/agents/apply-control";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";
import { db } from "@/lib/db/client";
import { simulatorBaseUrl } from "@/lib/providers/catalog";

import { readSse } from "../../fixtures/sse";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent } from "../../fixtures/turns";

const harness = useTurnHarness("upstream-errors");

// A port nothing listens on: connecting to it is refused at once.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function agentWithKey(options: { deadPort: number; deadLinks: "both" | "primary"; backupKey?: string }) {
  const dead = `http://127.0.0.1:${options.deadPort}`;
  const simulatorUrl = options.deadLinks === "both" ? dead : harness.simulatorUrl;
  const running = await createRunningAgent({ simulatorUrl, primaryKey: "sim-ok", backupKey: options.backupKey });
  if (options.deadLinks === "primary") {
    const { org, agent, user, providers } = running;
    await db.credential.update({ where: { id: providers.primary.id }, data: { baseUrl: simulatorBaseUrl("openai", dead) } });
    await applyControl({ orgId: org.id, agentId: agent.id, action: "restart", requestedById: user.id });
  }
  const { key } = await createApiKey(
    { orgId: running.org.id, agentId: running.agent.id, userId: running.user.id },
    ZCreateApiKey.parse({ name: "Upstream errors" }),
  );
  return { ...running, key };
}

const complete = (key: string, model: string, stream: boolean) =>
  POST(
    new Request("http://localhost/api/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "Hello" }], stream }),
    }),
  );

const expectNoAddress = (text: string, port: number) => {
  expect(text).not.toContain("127.0.0.1");
  expect(text).not.toContain(String(port));
  expect(text).not.toMatch(/localhost/i);
};

const attemptsOf = (agentId: string) => db.attempt.findMany({ where: { agentId }, orderBy: [{ createdAt: "asc" }, { index: "asc" }] });

describe("an unreachable provider, as an API caller sees it", () => {
  for (const stream of [false, true]) {
    it(`answers 502 with the class and no address when every link refuses the connection (stream: ${stream})`, async () => {
      const deadPort = await closedPort();
      const { key, agent } = await agentWithKey({ deadPort, deadLinks: "both" });
      const response = await complete(key, agent.slug, stream);
      const text = await response.text();
      expect(response.status).toBe(502);
      const { error } = JSON.parse(text) as { error: { message: string; code: string } };
      expect(error).toMatchObject({
        code: "network",
        message: expect.stringMatching(/^Connection failed \(refused, reset or DNS\): Cannot connect to API: connect ECONNREFUSED \[address\]/),
      });
      expectNoAddress(text, deadPort);
      // Members still read the whole text in the attempt record.
      const [first] = await attemptsOf(agent.id);
      expect(first?.message).toContain(`127.0.0.1:${deadPort}`);
    });
  }

  it("ends a stream that had begun with an error chunk that names no address", async () => {
    const deadPort = await closedPort();
    // The primary is refused before any text; the backup starts, then breaks off.
    const { key, agent } = await agentWithKey({ deadPort, deadLinks: "primary", backupKey: "sim-cut-after-3-50" });
    const response = await complete(key, agent.slug, true);
    expect(response.status).toBe(200);
    const read = await readSse(response);
    const errors = read.chunks.filter((chunk) => "error" in chunk);
    expect(errors).toHaveLength(1);
    expect(read.content).toContain("c1 c2 c3");
    expectNoAddress(JSON.stringify(read.chunks), deadPort);
    const attempts = await attemptsOf(agent.id);
    expect(attempts.some((a) => a.message?.includes(`127.0.0.1:${deadPort}`))).toBe(true);
  });
});
