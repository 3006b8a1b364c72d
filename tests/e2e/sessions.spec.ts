// The e2e web server checks session versions every second (SESSION_CHECK_SECONDS
// in playwright.config.ts), so a withdrawn session ends within a few reloads.
import { unique } from "../fixtures/data";
import { AuthPages } from "../fixtures/pages";
import { type Browser, expect, type Page, test } from "../fixtures/test";

const PASSWORD = "a long enough password";

// One person signed in in two browsers: `here` signed up, `elsewhere` signed in.
async function signedInTwice(browser: Browser) {
  const email = `${unique("e2e-sessions")}@example.test`;
  const here = await (await browser.newContext()).newPage();
  const elsewhere = await (await browser.newContext()).newPage();
  await new AuthPages(here).signUp({ name: "Two Browsers", email, password: PASSWORD });
  await expect(here.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await new AuthPages(elsewhere).signIn({ email, password: PASSWORD });
  return { email, here, elsewhere };
}

// Reloads until the check interval has passed and the session has been checked.
async function expectSignedOutAtNextCheck(page: Page) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: "Sign in to Understudy" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

async function expectStillSignedIn(page: Page) {
  await page.waitForTimeout(1_500); // past one check interval, so the reload below is checked
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
}

test("sign out everywhere in one browser signs the other browser out at its next check", async ({ browser }) => {
  const { here, elsewhere } = await signedInTwice(browser);
  await expectStillSignedIn(elsewhere);

  await new AuthPages(here).signOutEverywhere();
  await expectSignedOutAtNextCheck(elsewhere);
});

test("a password change signs out every browser, and only the new password signs in", async ({ browser }) => {
  const { email, here, elsewhere } = await signedInTwice(browser);
  const auth = new AuthPages(here);

  await auth.submitPasswordChange({ currentPassword: "not my password", newPassword: "another long password" });
  await expect(here.getByText("This is not your current password.")).toBeVisible();
  await expectStillSignedIn(elsewhere);

  await auth.submitPasswordChange({ currentPassword: PASSWORD, newPassword: "another long password" });
  await auth.expectSignedOut();
  await expectSignedOutAtNextCheck(elsewhere);

  await auth.submitSignIn({ email, password: PASSWORD });
  await expect(here.getByText("Wrong email or password.")).toBeVisible();
  await auth.signIn({ email, password: "another long password" });
});
