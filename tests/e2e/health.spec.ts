import { createTenant } from "../fixtures/data";
import { httpClient } from "../fixtures/http-client";
import { expect, test } from "../fixtures/test";

// Anyone can sign up and own an organization, so a session earns no more
// than a stranger gets: up or down per service, never latency or error text.
test("/api/health tells a signed-in owner only up or down per service, as it tells a stranger", async ({ baseURL }) => {
  const owner = await createTenant();
  const client = httpClient({ baseURL: baseURL ?? "", localAddress: "127.0.0.1" });
  const expected = { status: "ok", services: { postgres: { ok: true }, redis: { ok: true } } };
  expect(JSON.parse((await client.get("/api/health")).body)).toEqual(expected);
  expect(await client.signIn({ email: owner.user.email, password: owner.password })).toBe("ok");
  expect((await client.get("/api/auth/session")).body).toContain(owner.user.email);
  expect(JSON.parse((await client.get("/api/health")).body)).toEqual(expected);
});
