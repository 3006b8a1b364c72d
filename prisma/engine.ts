// Drives Prisma's schema engine (the WebAssembly build) through the pg driver
// adapter. The native engine that `prisma migrate` downloads cannot be fetched
// on our machines; this path writes the same migrations folder and the same
// `_prisma_migrations` table, so `prisma migrate deploy` keeps working wherever
// the native engine is available.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

const require = createRequire(import.meta.url);
const PRISMA_DIR = path.dirname(new URL(import.meta.url).pathname);
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

type TPgFields = { host: string; port: number; user: string; password?: string; database: string };

// Separate fields, never a connectionString: with a connectionString the
// adapter's shadow database silently becomes the main one.
export function pgFields(url: string): TPgFields {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

// The engine's catalog queries return pg's internal "char" type (oid 18),
// which the adapter refuses to map; the engine reads those columns as text.
function catalogPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  pool.query = (async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  }) as typeof pool.query;
  return pool;
}

function adapterFactory(fields: TPgFields) {
  const main = new PrismaPg(catalogPool(fields), { disposeExternalPool: true });
  return bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    // The stock shadow database is dropped while its pool is still open,
    // which PostgreSQL refuses; close the pool first, then drop.
    connectToShadowDb: async () => {
      const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      await adminQuery(fields, `CREATE DATABASE "${database}"`);
      const shadow = await new PrismaPg(catalogPool({ ...fields, database }), { disposeExternalPool: true }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await adminQuery(fields, `DROP DATABASE IF EXISTS "${database}"`);
      };
      return shadow;
    },
  });
}

export async function adminQuery(fields: TPgFields, sql: string) {
  const client = new pg.Client({ ...fields, database: "postgres" });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function loadWasm() {
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  // The package is built for bundlers that import .wasm files; in plain Node
  // the module has to be instantiated by hand.
  const bytes = readFileSync(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

function readSchema() {
  return { files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] };
}

function readMigrations(): MigrationList {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

async function withEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadWasm();
  const schema = readSchema().files[0]!;
  const engine = await bg.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, adapterFactory(pgFields(databaseUrl)));
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const fields = pgFields(databaseUrl);
  const found = await adminQuery(fields, `SELECT 1 FROM pg_database WHERE datname = '${fields.database.replaceAll("'", "''")}'`);
  if (found.rowCount) return false;
  await adminQuery(fields, `CREATE DATABASE "${fields.database}"`);
  return true;
}

export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  return withEngine(databaseUrl, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(), filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
}

// SQL that would bring the migrations folder up to schema.prisma ("" = none).
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrations() },
      to: { tag: "schemaDatamodel", ...readSchema() },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return (result.stdout ?? "").replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  });
}
