import { describe, expect, it } from "vitest";

import { clientIp } from "@/lib/auth/client-ip";

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  it("ignores X-Forwarded-For unless TRUSTED_PROXY is set, so a direct client cannot pick its own address", () => {
    expect(clientIp(forwarded("203.0.113.7"), false)).toBe("direct");
    expect(clientIp(forwarded("203.0.113.7, 198.51.100.2"), false)).toBe("direct");
  });

  it("behind a trusted proxy takes the address the proxy appended, not one the client wrote before it", () => {
    expect(clientIp(forwarded("203.0.113.7"), true)).toBe("203.0.113.7");
    expect(clientIp(forwarded("6.6.6.6, 198.51.100.2"), true)).toBe("198.51.100.2");
    expect(clientIp(new Headers(), true)).toBe("direct");
  });
});
