import { describe, expect, it } from "vitest";

import { ZNextPath } from "@/lib/auth/schemas";

describe("where sign-in leads", () => {
  it("keeps a path on this site", () => {
    expect(ZNextPath.parse("/invite/abcDEF_-")).toBe("/invite/abcDEF_-");
    expect(ZNextPath.parse("/acme/agents?tab=chat")).toBe("/acme/agents?tab=chat");
  });

  it.each([["//evil.example"], ["/\\evil.example"], ["https://evil.example/"], ["javascript:alert(1)"], ["/a b"], [""], [undefined], [`/${"a".repeat(300)}`]])(
    "sends %j home instead",
    (value) => {
      expect(ZNextPath.parse(value)).toBe("/");
    },
  );
});
