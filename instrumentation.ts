// Runs once when the web server boots: a bad environment, or a MASTER_KEY
// that is not the one this database's keys were sealed with, stops it with
// one line.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertEnvOrExit } = await import("./lib/env");
  assertEnvOrExit();
  const { assertMasterKeyOrExit } = await import("./lib/crypto/master-key-check");
  await assertMasterKeyOrExit();
}
