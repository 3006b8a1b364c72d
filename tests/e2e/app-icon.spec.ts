import { expect, test } from "../fixtures/test";

test("pages link the app icon and the favicon, and both are served from public/", async ({ page, request }) => {
  await page.goto("/sign-in");
  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => [l.getAttribute("href"), l.getAttribute("type")]));
  expect(icons).toEqual([
    ["/favicon.ico", null],
    ["/icon.svg", "image/svg+xml"],
  ]);

  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(svg.headers()["content-security-policy"]).toContain("default-src 'self'");
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toContain("image/x-icon");
});
