import type { APIResponse, Response } from "@playwright/test";

import { unique } from "../fixtures/data";
import { AuthPages } from "../fixtures/pages";
import { expect, test } from "../fixtures/test";

type Headed = Pick<APIResponse | Response, "headers">;

function expectSecurityHeaders(response: Headed) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'(;|$)/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
}

function nonceOf(response: Headed): string {
  return /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "";
}

test("pages carry the security headers and a fresh nonce that Next puts on its scripts", async ({ request }) => {
  for (const path of ["/sign-in", "/sign-up"]) {
    const first = await request.get(path);
    const second = await request.get(path);
    expectSecurityHeaders(first);
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(first)}"`);
  }
});

test("API routes carry the security headers, with or without a session", async ({ request }) => {
  expectSecurityHeaders(await request.get("/api/health"));
  const models = await request.get("/api/v1/models");
  expect(models.status()).toBe(401);
  expectSecurityHeaders(models);
});

test("a server action's response carries the security headers", async ({ page }) => {
  const action = page.waitForResponse((response) => response.request().method() === "POST" && !!response.request().headers()["next-action"]);
  await new AuthPages(page).submitSignIn({ email: `${unique("nobody")}@example.test`, password: "not-the-password-1" });
  expectSecurityHeaders(await action);
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
});

test("HSTS is sent only when the request came over HTTPS", async ({ request }) => {
  const plain = await request.get("/api/health");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  const behindTls = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
});
