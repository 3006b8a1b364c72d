// `npm run db:migrate` applies pending migrations; `npm run db:migration -- <name>`
// writes a new one from the difference between the folder and schema.prisma.
import "dotenv/config";

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { assertInfraEnvOrExit } from "../lib/env";
import { applyMigrations, diffMigrationsToSchema, ensureDatabase, MIGRATIONS_DIR } from "./engine";

const url = assertInfraEnvOrExit().DATABASE_URL;
const [command, name] = process.argv.slice(2);

function stamp(date = new Date()) {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function create(migrationName: string | undefined) {
  if (!migrationName || !/^[a-z0-9_]+$/.test(migrationName)) {
    throw new Error("Give the migration a snake_case name: npm run db:migration -- add_agent_chain");
  }
  await ensureDatabase(url);
  const sql = await diffMigrationsToSchema(url);
  if (!sql) return console.log("schema.prisma and the migrations agree; nothing to write.");
  const dir = path.join(MIGRATIONS_DIR, `${stamp()}_${migrationName}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

async function deploy() {
  if (await ensureDatabase(url)) console.log("Created the database.");
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
}

try {
  if (command === "create") await create(name);
  else if (command === "deploy") await deploy();
  else throw new Error("Usage: migrate.ts deploy | create <name>");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
