import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { ZEnv } from "../env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function create() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: ZEnv.shape.DATABASE_URL.parse(process.env.DATABASE_URL), max: 10 }) });
}

// One client per process; Next's dev reloads would otherwise open a pool each time.
export const db: PrismaClient = globalForPrisma.prisma ?? create();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;

export type { Prisma } from "./generated/client";
