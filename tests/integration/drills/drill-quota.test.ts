// Manual failover drills make real calls to every backup: an organization
// runs DRILLS_PER_HOUR of them an hour (2 here, set before the settings are
// read), and the Overview's button then says when the next may run.
import { describe, expect, it } from "vitest";

import { runAgentAction } from "@/lib/auth/agent-action";
import { db } from "@/lib/db/client";
import { drillActionSpecs } from "@/lib/drills/drill-actions";
import { requestDrill } from "@/lib/drills/request-drill";

import { isolateQueues } from "../../fixtures/isolated-queues";
import { createRunningAgent } from "../../fixtures/turns";

process.env.DRILLS_PER_HOUR = "2";
// No worker runs these drills: the quota is taken when one is asked for.
isolateQueues("drill-quota");

describe("failover drills per organization and hour", () => {
  it("runs the hour's drills, then the button says when the next may run; another organization's drills are not affected", async () => {
    const a = await createRunningAgent({ simulatorUrl: "http://127.0.0.1:9", primaryKey: "sim-ok" });
    const scope = { orgId: a.org.id, agentId: a.agent.id, userId: a.user.id };
    expect(await requestDrill(scope, { waitMs: 0 })).toMatchObject({ state: "pending" });
    expect(await requestDrill(scope, { waitMs: 0 })).toMatchObject({ state: "pending" });

    const refused = await runAgentAction({ userId: a.user.id, orgSlug: a.org.slug, agentSlug: a.agent.slug, input: {}, ...drillActionSpecs.run });
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^This organization has run 2 failover drills in the last hour, the most it may\. Run the next one in (59|60) minutes\.$/),
    });

    const b = await createRunningAgent({ simulatorUrl: "http://127.0.0.1:9", primaryKey: "sim-ok" });
    expect(await requestDrill({ orgId: b.org.id, agentId: b.agent.id, userId: b.user.id }, { waitMs: 0 })).toMatchObject({ state: "pending" });
    expect(await db.activityEvent.count({ where: { agentId: a.agent.id, type: "drill" } })).toBe(0);
  });
});
