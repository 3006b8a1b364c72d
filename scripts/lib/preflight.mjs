// One line, no stack trace, when PostgreSQL or Redis cannot be reached.
import { Redis } from "ioredis";
import pg from "pg";

import { fail } from "./steps.mjs";

const HOW_TO_START = {
  postgres: "start it (docker compose up -d postgres, or pg_ctlcluster <version> main start) or set DATABASE_URL",
  redis: "start it (docker compose up -d redis, or redis-server --daemonize yes) or set REDIS_URL",
};

function adminUrl(databaseUrl) {
  const u = new URL(databaseUrl);
  u.pathname = "/postgres";
  return u.toString();
}

export async function checkPostgres(databaseUrl) {
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl), connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    fail(`PostgreSQL is not reachable at ${redact(databaseUrl)} (${reason(error)}): ${HOW_TO_START.postgres}.`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function checkRedis(redisUrl) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    fail(`Redis is not reachable at ${redact(redisUrl)} (${reason(error)}): ${HOW_TO_START.redis}.`);
  } finally {
    redis.disconnect();
  }
}

function reason(error) {
  return error?.code ?? error?.message?.split("\n")[0] ?? "no answer";
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export function assertLocalDatabase(databaseUrl) {
  const host = new URL(databaseUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    fail(`Refusing to run tests against a non-local database (${host}). Tests drop and recreate their database.`);
  }
}
