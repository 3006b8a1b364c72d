import "dotenv/config";

import { defineConfig } from "prisma/config";

import { assertInfraEnvOrExit } from "./lib/env";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: assertInfraEnvOrExit().DATABASE_URL },
});
