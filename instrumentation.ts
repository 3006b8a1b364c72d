// Runs once when the web server boots: a bad environment, or a MASTER_KEY
// that is not the one this database's keys were sealed with, stops it with
// one line. Traces start here when OTEL_EXPORTER_OTLP_ENDPOINT is set.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertEnvOrExit } = await import("./lib/env");
  const env = assertEnvOrExit();
  const { tracingFromEnv } = await import("./lib/observability/tracing-from-env");
  await tracingFromEnv(env);
  const { assertMasterKeyOrExit } = await import("./lib/crypto/master-key-check");
  await assertMasterKeyOrExit();
}
