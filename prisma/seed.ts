// `npm run db:seed`: the demo organization and its login. Idempotent: every
// step finds what an earlier run made before creating anything.
import "dotenv/config";
import { createSavedProvider, upsertOrganization, upsertUser } from "./factories";
import { simulatorBaseUrl } from "../lib/providers/catalog";
import { ZEnv } from "../lib/env";
import type { TVendor } from "../lib/providers/types";
import { db } from "../lib/db/client";
import DEMO from "./demo.json" with { type: "json" };


async function seed() {
  const user = await upsertUser({ email: DEMO.email, name: DEMO.name, password: DEMO.password });
  const org = await upsertOrganization({ slug: DEMO.orgSlug, name: DEMO.orgName, ownerId: user.id });
  const simulatorUrl = ZEnv.shape.SIMULATOR_URL.parse(process.env.SIMULATOR_URL);
  for (const p of DEMO.providers) {
    const exists = await db.credential.count({ where: { orgId: org.id, name: p.name } });
    if (exists) continue;
    const vendor = p.vendor as TVendor;
    await createSavedProvider({ orgId: org.id, userId: user.id, ...p, vendor, baseUrl: simulatorBaseUrl(vendor, simulatorUrl) });
  }
  return { user, org };
}

try {
  const { org } = await seed();
  console.log(`Seeded the demo organization "${org.name}" (/${org.slug}).`);
} finally {
  await db.$disconnect();
}
