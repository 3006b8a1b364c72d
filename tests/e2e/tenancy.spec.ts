import { createTenant } from "../fixtures/data";
import { AuthPages } from "../fixtures/pages";
import { expect, test } from "../fixtures/test";

const ORG_PAGES = ["", "/agents", "/providers", "/activity", "/members", "/settings"];

test("a member of organization A gets a 404 for every page of organization B", async ({ page }) => {
  const a = await createTenant();
  const b = await createTenant();
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });

  for (const path of ORG_PAGES) {
    const response = await page.goto(`/${b.org.slug}${path}`);
    expect(response?.status(), `/${b.org.slug}${path}`).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  const own = await page.goto(`/${a.org.slug}/members`);
  expect(own?.status()).toBe(200);
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  const a = await createTenant();
  await page.goto(`/${a.org.slug}/agents`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the health endpoint reports PostgreSQL and Redis", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", services: { postgres: { ok: true }, redis: { ok: true } } });
});
