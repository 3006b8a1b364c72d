import { readFileSync } from "node:fs";

import { openKey } from "../../lib/credentials/store-key";
import { db } from "../../lib/db/client";
import { createTenant, unique } from "../fixtures/data";
import { AuthPages, ProvidersPage } from "../fixtures/pages";
import { simulatorBase } from "../fixtures/simulator";
import { expect, test } from "../fixtures/test";

const ORG_PAGES = ["", "/agents", "/providers", "/activity", "/members"];
const API_ROUTES = ["/api/health", "/api/auth/session"];

// Every text-like column of every table, searched for the key.
async function databaseHits(secret: string) {
  const columns = await db.$queryRaw<Array<{ table_name: string; column_name: string }>>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb')`;
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await db.$queryRawUnsafe<Array<{ n: bigint }>>(
      `SELECT count(*) AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`,
      `%${secret}%`,
    );
    if (row && row.n > 0n) hits.push(`${table_name}.${column_name}`);
  }
  return { hits, columns: columns.length };
}

test("a saved key appears in no page, response, log line or database column, and its ciphertext opens only in its own row", async ({ page }) => {
  const owner = await createTenant();
  const secret = `sim-ok~leakcheck${unique("k").replace("-", "")}`;
  const bodies: string[] = [];
  page.on("response", async (response) => {
    bodies.push(await response.text().catch(() => ""));
  });

  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  const providers = new ProvidersPage(page);
  await providers.goto(owner.org.slug);
  await providers.add({ vendor: "OpenAI", name: "Leak check", apiKey: secret, baseUrl: simulatorBase("openai") });
  const row = providers.provider("Leak check");
  await expect(row).toContainText(`…${secret.slice(-4)}`);
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByRole("status")).toHaveText(/^OK, \d+ ms$/);

  for (const path of [...ORG_PAGES.map((p) => `/${owner.org.slug}${p}`), ...API_ROUTES]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBeLessThan(500);
    bodies.push(await response.text());
  }
  expect(bodies.length).toBeGreaterThan(ORG_PAGES.length);
  expect(bodies.filter((b) => b.includes(secret))).toEqual([]);

  const { hits, columns } = await databaseHits(secret);
  expect(columns).toBeGreaterThan(20);
  expect(hits).toEqual([]);

  for (const file of [process.env.E2E_WEB_LOG!, process.env.E2E_WORKER_LOG!]) {
    const log = readFileSync(file, "utf8");
    expect(log.length, file).toBeGreaterThan(0);
    expect(log, file).not.toContain(secret);
  }

  const stored = await db.credential.findFirstOrThrow({ where: { orgId: owner.org.id, name: "Leak check" } });
  expect(await openKey({ orgId: owner.org.id, credentialId: stored.id, keyCipher: stored.keyCipher })).toBe(secret);
  const other = await createTenant();
  await expect(openKey({ orgId: other.org.id, credentialId: stored.id, keyCipher: stored.keyCipher })).rejects.toThrow(/could not be opened/);
  await expect(openKey({ orgId: owner.org.id, credentialId: `${stored.id}x`, keyCipher: stored.keyCipher })).rejects.toThrow(/could not be opened/);
});
