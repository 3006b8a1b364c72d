// Runs once when the web server boots: a bad environment stops it with one line.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertEnvOrExit } = await import("./lib/env");
  assertEnvOrExit();
}
