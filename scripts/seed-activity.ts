// `npm run seed:activity -- --events 1000000`: an organization with a month of
// heavy traffic, for timing the Activity and Overview pages. Replaces the
// organization if it exists.
import "dotenv/config";

import { parseArgs } from "node:util";

import { z } from "zod";

import { db } from "../lib/db/client";
import { assertEnvOrExit } from "../lib/env";
import { seedActivity } from "../prisma/seed-activity";

const count = (max: number) => z.coerce.number().int().min(0).max(max);
const ZOptions = z
  .object({
    events: count(50_000_000).default(1_000_000),
    turns: count(50_000_000).optional(),
    agents: z.coerce.number().int().min(1).max(200).default(20),
    days: z.coerce.number().int().min(1).max(365).default(30),
    org: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "a slug: lower-case letters, digits and dashes")
      .default("scale"),
  })
  .transform((o) => ({ ...o, turns: o.turns ?? o.events }));

const { values } = parseArgs({
  options: { events: { type: "string" }, turns: { type: "string" }, agents: { type: "string" }, days: { type: "string" }, org: { type: "string" } },
});
const parsed = ZOptions.safeParse(values);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  console.error(`--${issue?.path.join(".")}: ${issue?.message}`);
  process.exit(1);
}
const config = assertEnvOrExit();
if (!config.ALLOW_PRIVATE_PROVIDER_URLS) {
  console.error("The seeded providers point at the simulator on loopback: set ALLOW_PRIVATE_PROVIDER_URLS=true (npm start's .env has it).");
  process.exit(1);
}

const options = parsed.data;
console.log(
  `Seeding /${options.org}: ${options.events.toLocaleString("en-US")} events, ${options.turns.toLocaleString("en-US")} turns, ` +
    `${options.agents} agents over ${options.days} days.`,
);
try {
  const result = await seedActivity({
    slug: options.org,
    events: options.events,
    turns: options.turns,
    agents: options.agents,
    days: options.days,
    log: (line) => console.log(line),
  });
  const m = result.made;
  console.log(
    `Done in ${result.total} (rows written in ${result.generated}): ${m.events} events, ${m.turns} turns, ` +
      `${m.attempts} attempts, ${m.messages} messages, ${m.conversations} conversations.`,
  );
  console.log(`Log in as ${result.login.email} / ${result.login.password} and open /${options.org}/activity.`);
} catch (error) {
  console.error(`Seeding stopped: ${error instanceof Error ? error.message : String(error)}. Run it again to start over.`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
