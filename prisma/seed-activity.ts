// A busy organization for scale work: `npm run seed:activity`. The people,
// providers and agents are made through the app's own functions; the bulk
// (turns, attempts, messages, conversations, events) is generated inside
// PostgreSQL, a slice of the window per statement, because a million rows
// sent one by one from Node would take an hour.
import pg from "pg";

import { infraEnv } from "../lib/env";
import { clockFor, type TClock } from "./activity-seed/clock";
import { eventBatchSql } from "./activity-seed/events-sql";
import { FAILURE_ROWS, planSeed } from "./activity-seed/mix";
import { deleteOrganization, SEED_PASSWORD, setUpOrganization, type TSeedOrg } from "./activity-seed/setup";
import { ANSWERS, QUESTIONS } from "./activity-seed/texts";
import { turnBatchSql, TURNS_PER_CONVERSATION } from "./activity-seed/turns-sql";

type TSeedActivity = {
  slug: string;
  events: number;
  turns: number;
  agents: number;
  days: number;
  batchSize?: number;
  lanes?: number;
  log?: (line: string) => void;
};

// Turns per slice: whole conversations (a multiple of TURNS_PER_CONVERSATION).
const BATCH = 50_000;
// Slices written at once, one connection each: the machines we seed on have two cores.
const LANES = 2;
const TABLES = ["conversations", "turns", "attempts", "messages", "activity_events"];
const COUNTS = ["conversations", "turns", "attempts", "messages", "events"] as const;

export async function seedActivity({ slug, events, turns, agents, days, batchSize = BATCH, lanes = LANES, log = () => undefined }: TSeedActivity) {
  if (batchSize <= 0 || batchSize % TURNS_PER_CONVERSATION)
    throw new Error(`batchSize must be a positive multiple of ${TURNS_PER_CONVERSATION} (whole conversations)`);
  const started = performance.now();
  const since = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const main = await connect();
  const extra: pg.Client[] = [];
  try {
    const removed = await deleteOrganization(main, slug);
    if (removed) log(`Deleted the existing organization /${slug} (${fmt(removed.events)} events, ${fmt(removed.turns)} turns) to recreate it (${since()}).`);
    const org = await setUpOrganization({ slug, agents, simulatorUrl: infraEnv().SIMULATOR_URL });
    const clock = clockFor({ days });
    const setupEvents = await backdateSetup(main, { orgId: org.org.id, clock });
    if (events < setupEvents) throw new Error(`--events must be at least ${setupEvents}: setting up ${agents} agents already writes that many.`);
    log(`Created /${slug}: ${agents} agents, ${setupEvents} events from setting them up (${since()}).`);

    const plan = planSeed({ events: events - setupEvents, turns, keyAddedPossible: org.agents.some((a) => a.pasted_credential) });
    const turnsSql = turnBatchSql({ plan: plan.turns, total: turns, agents, clock });
    const eventsSql = eventBatchSql({ plan: plan.events, agents, pastedAgents: org.agents.filter((a) => a.pasted_credential).map((a) => a.agent_no), clock });
    const others = events - setupEvents - plan.turnEvents;
    const slices = Math.max(1, Math.ceil(turns / batchSize));
    for (let n = 1; n < Math.min(lanes, slices); n += 1) extra.push(await connect());
    const made = { conversations: 0, turns: 0, attempts: 0, messages: 0, events: setupEvents };
    // Each slice is one stretch of the window: its turns (with everything
    // they imply), then the other events of the same stretch.
    const writeSlice = async (client: pg.Client, s: number) => {
      const [lo, hi] = [s * batchSize, Math.min((s + 1) * batchSize, turns)];
      // Counts are added after each await: \`made.x += await ...\` would read made.x before another lane's update.
      if (hi > lo) {
        const { rows } = await client.query(turnsSql, [org.org.id, lo, hi, org.actorIds, QUESTIONS, ANSWERS]);
        for (const key of COUNTS) made[key] += rows[0][key];
      }
      const [from, to] = [Math.floor((others * s) / slices), Math.floor((others * (s + 1)) / slices)];
      if (to > from) {
        const { rows } = await client.query(eventsSql, [org.org.id, from, to, org.actorIds]);
        made.events += rows[0].events;
      }
      log(`turns ${fmt(made.turns)}/${fmt(turns)}, events ${fmt(made.events)}/${fmt(events)}, attempts ${fmt(made.attempts)} (${since()})`);
    };
    let next = 0;
    await Promise.all(
      [main, ...extra].map(async (client) => {
        await prepareSession(client, org);
        for (let s = next++; s < slices; s = next++) await writeSlice(client, s);
      }),
    );
    await main.query(
      "UPDATE agents a SET last_activity_at = " +
        "(SELECT completed_at FROM turns t WHERE t.org_id = a.org_id AND t.agent_id = a.id ORDER BY created_at DESC LIMIT 1) WHERE org_id = $1",
      [org.org.id],
    );
    const generated = since();
    // As autovacuum would soon: index-only scans and the first reads then
    // behave as they do on a settled production table.
    for (const table of TABLES) await main.query(`VACUUM (ANALYZE) ${table}`);
    log(`Vacuumed and analyzed ${TABLES.join(", ")} (${since()}).`);
    return { orgId: org.org.id, login: { email: `${slug}@understudy.dev`, password: SEED_PASSWORD }, window: clock, made, generated, total: since() };
  } finally {
    await Promise.all([main, ...extra].map((c) => c.end()));
  }
}

async function connect() {
  const client = new pg.Client({ connectionString: infraEnv().DATABASE_URL });
  await client.connect();
  return client;
}

// The real writers stamped the setup's own events "now"; they belong at the
// start of the window, when the agents were made.
async function backdateSetup(client: pg.Client, { orgId, clock }: { orgId: string; clock: TClock }) {
  await client.query("UPDATE agents SET created_at = $2 WHERE org_id = $1", [orgId, clock.start]);
  const { rowCount } = await client.query(
    `UPDATE activity_events e SET created_at = $2::timestamptz + make_interval(secs => o.n)
     FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM activity_events WHERE org_id = $1) o
     WHERE e.id = o.id`,
    [orgId, clock.start],
  );
  return rowCount ?? 0;
}

// Agents, chain links and failure kinds as small tables the batch statements
// join; temporary, so each connection loads its own.
async function prepareSession(client: pg.Client, org: TSeedOrg) {
  const load = async (name: string, columns: string, rows: unknown[]) => {
    await client.query(`CREATE TEMP TABLE ${name} AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`, [JSON.stringify(rows)]);
    await client.query(`ANALYZE ${name}`);
  };
  await load(
    "seed_agents",
    "agent_no int, agent_id text, n_links int, next_list jsonb, previous_list jsonb, chain jsonb, sentence text, change text, " +
      "pasted_credential text, pasted_vendor text, pasted_hint text",
    org.agents,
  );
  await load(
    "seed_links",
    "agent_no int, position int, credential_id text, label text, model text, vendor text, pasted boolean, hint text, " +
      "first_token_timeout_ms int, timeout_message text, base_ms int",
    org.agents.flatMap((a) => a.links),
  );
  await load("seed_failures", "human boolean, lo float8, hi float8, outcome text, status int, min_ms int, max_ms int, message text", FAILURE_ROWS);
  await client.query("SET work_mem = '64MB'");
}

const fmt = (n: number) => n.toLocaleString("en-US");
