import { describe, expect, it } from "vitest";

import { isDatabaseUnavailable } from "@/lib/db/unavailable";

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "08006", "08001", "57P01", "57P03"])("is true for %s", (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it("looks through the causes a driver or Prisma wraps around the socket's error", () => {
    const wrapped = new Error("query failed", { cause: new Error("driver", { cause: withCode("ECONNREFUSED") }) });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505")],
    ["a syntax error", withCode("42601")],
    ["an error without a code", new Error("boom")],
    ["something that is not an error", { code: "ECONNREFUSED" }],
  ])("is false for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
