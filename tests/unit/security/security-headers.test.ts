import { describe, expect, it } from "vitest";

import { securityHeaders } from "@/lib/security/security-headers";

function directives(policy: string): Map<string, string> {
  return new Map(policy.split("; ").map((d) => [d.split(" ")[0] ?? "", d.slice(d.indexOf(" ") + 1)]));
}

describe("securityHeaders", () => {
  it("allows scripts only by the request's nonce and forbids framing, plugins and eval", () => {
    const headers = securityHeaders({ nonce: "abc123==", https: false, development: false });
    const csp = directives(headers["content-security-policy"]);
    expect(csp.get("script-src")).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("connect-src")).toBe("'self'");
    expect(csp.get("style-src")).toBe("'self'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("sends HSTS only over HTTPS", () => {
    expect(securityHeaders({ nonce: "n", https: false, development: false })["strict-transport-security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", https: true, development: false })["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("allows eval only in development, where React's dev tools need it", () => {
    const dev = securityHeaders({ nonce: "n", https: false, development: true });
    expect(directives(dev["content-security-policy"]).get("script-src")).toContain("'unsafe-eval'");
  });
});
