import { expect, test } from "../fixtures/test";
import { AuthPages, ShellPage } from "../fixtures/pages";
import { createTenant } from "../fixtures/data";

test("an owner adds a second user as viewer, and the viewer sees no admin controls", async ({ page }) => {
  const owner = await createTenant();
  const other = await createTenant();
  const auth = new AuthPages(page);

  await auth.signIn({ email: owner.user.email, password: owner.password });
  await new ShellPage(page).open("Members");
  await page.getByLabel("Email").fill(other.user.email);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText("Member added.")).toBeVisible();
  const row = page.getByRole("listitem").filter({ hasText: other.user.email });
  await expect(row.getByRole("combobox", { name: `Role of ${other.user.name}` })).toHaveValue("viewer");
  await auth.signOut();

  await auth.signIn({ email: other.user.email, password: other.password });
  await page.goto(`/${owner.org.slug}/members`);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Members" })).toContainText(owner.user.email);
  await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /^Role of/ })).toHaveCount(0);
});

test("the last owner cannot be demoted, and the page says why", async ({ page }) => {
  const owner = await createTenant();
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  await page.goto(`/${owner.org.slug}/members`);
  await page.getByRole("combobox", { name: `Role of ${owner.user.name}` }).selectOption("admin");
  await expect(page.getByText("The last owner cannot be demoted. Make someone else an owner first.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: `Role of ${owner.user.name}` })).toHaveValue("owner");
});
