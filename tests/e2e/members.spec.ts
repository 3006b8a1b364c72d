import { addMembership, createTenant, unique } from "../fixtures/data";
import { AuthPages, ShellPage } from "../fixtures/pages";
import { expect, type Page, test } from "../fixtures/test";

// Invites from the Members page and answers the link shown once.
async function invite(page: Page, email: string, role: "owner" | "admin" | "member" | "viewer") {
  await new ShellPage(page).open("Members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByText("Email is not set up on this server: copy the link and send it to")).toBeVisible();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(email);
  return link;
}

test("an owner invites a newcomer as viewer, who signs up from the link and sees no admin controls", async ({ page }) => {
  const owner = await createTenant();
  const auth = new AuthPages(page);
  await auth.signIn({ email: owner.user.email, password: owner.password });
  const email = `${unique("newcomer")}@example.test`;
  const link = await invite(page, email, "viewer");
  await auth.signOut();

  await page.goto(link);
  await expect(page.getByRole("heading", { name: `Join ${owner.org.name}` })).toBeVisible();
  await expect(page.getByText(`invited ${email} to join as Viewer`)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Name").fill("New Viewer");
  await page.getByLabel("Password").fill("a long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${owner.org.slug}/agents$`));

  await page.goto(`/${owner.org.slug}/members`);
  await expect(page.getByRole("list", { name: "Members" })).toContainText(owner.user.email);
  await expect(page.getByRole("list", { name: "Members" })).toContainText(email);
  await expect(page.getByRole("button", { name: "Invite", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /^Role of/ })).toHaveCount(0);

  await auth.signOut();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation has been used" })).toBeVisible();
});

test("an existing account accepts only when signed in with the invited address; a revoked link stops working", async ({ page }) => {
  const owner = await createTenant();
  const invitee = await createTenant();
  const auth = new AuthPages(page);
  await auth.signIn({ email: owner.user.email, password: owner.password });
  const link = await invite(page, invitee.user.email, "member");

  // Still signed in as the owner: the page names both addresses and refuses.
  await page.goto(link);
  await expect(page.getByText(`You are signed in as ${owner.user.email}. Sign out, then sign in as ${invitee.user.email} to accept.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out and continue" }).click();
  await page.getByRole("link", { name: "Sign in to accept" }).click();
  await page.getByLabel("Email").fill(invitee.user.email);
  await page.getByLabel("Password").fill(invitee.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${owner.org.slug}/agents$`));
  await auth.signOut();

  await auth.signIn({ email: owner.user.email, password: owner.password });
  const second = `${unique("revoked")}@example.test`;
  const revokedLink = await invite(page, second, "member");
  const row = page.getByRole("list", { name: "Pending invitations" }).getByRole("listitem").filter({ hasText: second });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page
    .getByRole("dialog", { name: `Revoke the invitation for ${second}?` })
    .getByRole("button", { name: "Revoke invitation" })
    .click();
  await expect(page.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);
  await page.goto(revokedLink);
  await expect(page.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();
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

test("an admin invites an admin, is not offered the owner role, and manages no member's role", async ({ page }) => {
  const owner = await createTenant();
  const admin = await createTenant();
  await addMembership({ orgId: owner.org.id, userId: admin.user.id, role: "admin" });
  await new AuthPages(page).signIn({ email: admin.user.email, password: admin.password });
  await page.goto(`/${owner.org.slug}/agents`);
  const email = `${unique("colleague")}@example.test`;
  await invite(page, email, "admin");
  const roles = page.getByLabel("Role", { exact: true }).getByRole("option");
  await expect(roles).toHaveText(["Admin", "Member", "Viewer"]);
  await expect(page.getByRole("list", { name: "Pending invitations" }).getByRole("button", { name: "Revoke" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: `Role of ${owner.user.name}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
});
