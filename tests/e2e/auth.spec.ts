import { unique } from "../fixtures/data";
import { AuthPages, ShellPage } from "../fixtures/pages";
import { expect, test } from "../fixtures/test";

test("a new user signs up, lands on their organization, signs out and signs back in", async ({ page }) => {
  const auth = new AuthPages(page);
  const email = `${unique("e2e")}@example.test`;
  await auth.signUp({ name: "Grace Hopper", email, password: "a long enough password" });

  await expect(page).toHaveURL(/\/[a-z0-9-]+\/agents$/);
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await expect(page.getByLabel("Organization")).toHaveValue(/grace-hopper/);
  await expect(page.getByText("No agents yet")).toBeVisible();

  await auth.signOut();
  await auth.signIn({ email, password: "a long enough password" });
  await new ShellPage(page).open("Members");
  await expect(page.getByRole("list", { name: "Members" })).toContainText(email);
});

test("a wrong password shows one message that does not reveal whether the email exists", async ({ page }) => {
  const auth = new AuthPages(page);
  const email = `${unique("e2e")}@example.test`;
  await auth.signUp({ name: "Wrong Pass", email, password: "a long enough password" });
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await auth.signOut();

  await auth.submitSignIn({ email, password: "not the password" });
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await auth.submitSignIn({ email: `nobody-${email}`, password: "not the password" });
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
});

test("sign-up explains a short password and an email already registered, next to the field", async ({ page }) => {
  const auth = new AuthPages(page);
  const email = `${unique("e2e")}@example.test`;
  await auth.signUp({ name: "Short", email, password: "short" });
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await auth.signUp({ name: "First", email, password: "a long enough password" });
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await auth.signOut();
  await auth.signUp({ name: "Second", email, password: "a long enough password" });
  await expect(page.getByText("This email is already registered. Sign in instead.")).toBeVisible();
});
