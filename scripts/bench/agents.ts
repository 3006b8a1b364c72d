// Running agents on the simulator, each with an API key to call it by.
// Import this only once the benchmark's environment is set: the modules
// below read it on load.
import { createApiKey } from "../../lib/api-keys/create-api-key";
import { createTenant } from "../../prisma/factories";
import { createRunningAgent } from "../../tests/fixtures/turns";

export type TBenchAgent = { slug: string; key: string; orgId: string; agentId: string; providerKeys: { primary: string; backup: string } };

type TAgentSpec = { simulatorUrl: string; primaryKey: string; backupKey?: string; timeoutSeconds?: number };

export async function agentWithKey(spec: TAgentSpec & { tenant?: Awaited<ReturnType<typeof createTenant>> }): Promise<TBenchAgent> {
  const { org, agent, user, keys } = await createRunningAgent(spec);
  const created = await createApiKey({ orgId: org.id, agentId: agent.id, userId: user.id }, { name: "bench" });
  return { slug: agent.slug, key: created.key, orgId: org.id, agentId: agent.id, providerKeys: keys };
}

// An agent per turn gives every turn provider keys of its own, so the
// simulator's timeline of a key is that one turn's. They share one
// organization: a new owner's password hash costs half a second.
export async function agentsWithKeys(count: number, spec: TAgentSpec): Promise<TBenchAgent[]> {
  const tenant = await createTenant();
  const agents: TBenchAgent[] = [];
  while (agents.length < count) {
    const batch = Math.min(8, count - agents.length);
    agents.push(...(await Promise.all(Array.from({ length: batch }, () => agentWithKey({ ...spec, tenant })))));
  }
  return agents;
}
