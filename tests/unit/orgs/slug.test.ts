import { describe, expect, it } from "vitest";

import { slugify, uniqueSlug } from "@/lib/orgs/slug";

describe("slugs", () => {
  it("makes URL-safe slugs from names", () => {
    expect(slugify("Acme Support, Inc.")).toBe("acme-support-inc");
    expect(slugify("Crème Brûlée")).toBe("creme-brulee");
    expect(slugify("!!!")).toBe("org");
  });

  it("skips taken and reserved slugs", async () => {
    const taken = new Set(["acme", "acme-2"]);
    expect(await uniqueSlug("Acme", async (s) => taken.has(s))).toBe("acme-3");
    expect(await uniqueSlug("API", async () => false)).toBe("api-2");
  });
});
