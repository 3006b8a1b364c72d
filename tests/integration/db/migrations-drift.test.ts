import { describe, expect, it } from "vitest";

import { diffMigrationsToSchema } from "../../../prisma/engine";

describe("migrations", () => {
  it("describe exactly what schema.prisma describes (no drift)", async () => {
    const sql = await diffMigrationsToSchema(process.env.DATABASE_URL!);
    expect(sql, `schema.prisma and prisma/migrations disagree; run npm run db:migration -- <name>. Missing SQL:\n${sql}`).toBe("");
  });
});
