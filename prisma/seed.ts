// `npm run db:seed`: the demo organization, its login, providers and agent.
import "dotenv/config";
import { seedDemo } from "./seed-demo";
import { db } from "../lib/db/client";
import { assertMasterKeyOrExit } from "../lib/crypto/master-key-check";

// `npm start` seeds before it builds: a wrong MASTER_KEY stops it here, in seconds.
await assertMasterKeyOrExit();
try {
  const { org } = await seedDemo();
  console.log(`Seeded the demo organization "${org.name}" (/${org.slug}).`);
} finally {
  await db.$disconnect();
}
