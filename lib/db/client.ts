import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { infraEnv } from "../env";
import { log } from "../log";
import { singleton } from "../singleton";
import { PrismaClient } from "./generated/client";

type TDatabase = { prisma: PrismaClient; pool: pg.Pool };

function create(): TDatabase {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = infraEnv();
  // One pool serves Prisma and the turn path's prepared statements (./statement.ts).
  const pool = new pg.Pool({
    connectionString: DATABASE_URL,
    max: DATABASE_POOL_SIZE,
    // JIT compiling the Overview's aggregate plans cost 190-330 ms more than
    // running them (measured at a million rows); our queries are short.
    options: "-c jit=off",
  });
  // A pooled connection that PostgreSQL closes while idle (a restart, a
  // failover) is dropped from the pool and the next query opens another.
  // Without a listener pg would throw the error and stop the process, and the
  // turn path's statements may run before Prisma ever attaches its own.
  pool.on("error", (err) => log.warn({ err: { message: err.message } }, "idle database connection closed"));
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Under load a transaction may wait for a pooled connection longer than
    // Prisma's 2 s default; waiting is better than failing the turn.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
  return { prisma, pool };
}

// One client per process; Next's dev reloads would otherwise open a pool each time.
const database = singleton("database", create);

export const db: PrismaClient = database.prisma;
export const pool: pg.Pool = database.pool;

export { Prisma } from "./generated/client";
