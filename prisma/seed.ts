// `npm run db:seed`: the demo organization, its login, providers and agent.
import "dotenv/config";

import { assertMasterKeyOrExit } from "../lib/crypto/master-key-check";
import { db } from "../lib/db/client";
import { assertEnvOrExit, demoAllowed } from "../lib/env";
import { seedDemo } from "./seed-demo";

// The demo login's password is public (README, prisma/demo.json).
if (!demoAllowed(assertEnvOrExit())) {
  console.error("Not seeding the public demo login: NODE_ENV=production needs DEMO=true for it. See the configuration table in README.md.");
  process.exit(1);
}

// `npm start` seeds before it builds: a wrong MASTER_KEY stops it here, in seconds.
await assertMasterKeyOrExit();
try {
  const { org } = await seedDemo();
  console.log(`Seeded the demo organization "${org.name}" (/${org.slug}).`);
} finally {
  await db.$disconnect();
}
