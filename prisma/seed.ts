// `npm run db:seed`: the demo organization and its login. Idempotent: every
// step finds what an earlier run made before creating anything.
import "dotenv/config";
import { upsertOrganization, upsertUser } from "./factories";
import { db } from "../lib/db/client";
import DEMO from "./demo.json" with { type: "json" };


async function seed() {
  const user = await upsertUser({ email: DEMO.email, name: DEMO.name, password: DEMO.password });
  const org = await upsertOrganization({ slug: DEMO.orgSlug, name: DEMO.orgName, ownerId: user.id });
  return { user, org };
}

try {
  const { org } = await seed();
  console.log(`Seeded the demo organization "${org.name}" (/${org.slug}).`);
} finally {
  await db.$disconnect();
}
