// `npm run explain:activity [-- --org scale --runs 5 --plans --match p50]`: times the
// Activity feed and Overview chart reads against a seeded organization
// (`npm run seed:activity`) and says which index each one used. Prints
// figures; asserts nothing.
import "dotenv/config";

import { parseArgs } from "node:util";

import pg from "pg";
import { z } from "zod";

import { assertInfraEnvOrExit } from "../lib/env";
import { fmt, percentile, table } from "./bench/load";
import { chartQueries, feedQueries, findSubjects, type TQuery } from "./explain/queries";

const { values } = parseArgs({ options: { org: { type: "string" }, runs: { type: "string" }, plans: { type: "boolean" }, match: { type: "string" } } });
const options = z
  .object({
    org: z.string().default("scale"),
    runs: z.coerce.number().int().min(1).max(100).default(5),
    plans: z.boolean().default(false),
    match: z.string().default(""),
  })
  .parse(values);

type TPlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; Plans?: TPlanNode[] };

// "Index Scan activity_events_org_id_created_at_id_idx", "Seq Scan turns"... for every scan in the plan.
function scans(node: TPlanNode): string[] {
  const own =
    /Scan/.test(node["Node Type"]) && node["Node Type"] !== "CTE Scan"
      ? [`${node["Node Type"]} ${node["Index Name"] ?? node["Relation Name"] ?? ""}`.trim()]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(scans)];
}

async function measure(client: pg.Client, q: TQuery) {
  const timed = async () => {
    const started = performance.now();
    const { rowCount } = await client.query(q.sql, q.params);
    return { ms: performance.now() - started, rows: rowCount ?? 0 };
  };
  const first = await timed();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i += 1) samples.push((await timed()).ms);
  const [
    {
      "QUERY PLAN": [plan],
    },
  ] = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, q.params)).rows;
  if (options.plans) {
    const text = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
    console.log(`\n## ${q.name}\n${q.sql.replace(/\s+/g, " ")}\n${text.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }
  return {
    query: q.name,
    rows: first.rows,
    first: fmt(first.ms),
    median: fmt(percentile(samples, 50)),
    max: fmt(Math.max(...samples)),
    "server (EXPLAIN ANALYZE)": fmt(plan["Execution Time"]),
    scans: [...new Set(scans(plan.Plan))].join(", "),
  };
}

const client = new pg.Client({ connectionString: assertInfraEnvOrExit().DATABASE_URL });
await client.connect();
try {
  const subjects = await findSubjects(client, options.org);
  console.log(`/${options.org}: ranges end at the newest event, ${subjects.newest.toISOString()}; ${options.runs} runs each after one first run.`);
  for (const [title, queries] of [
    ["Activity feed", feedQueries(subjects)],
    ["Overview charts", chartQueries(subjects)],
  ] as const) {
    const rows = [];
    for (const q of queries.filter((x) => x.name.includes(options.match))) rows.push(await measure(client, q));
    if (rows.length) console.log(`\n${title}\n${table(rows)}`);
  }
} finally {
  await client.end();
}
