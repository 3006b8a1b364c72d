// Runs once when the web server boots: a bad environment, or a MASTER_KEY
// that is not the one this database's keys were sealed with, stops it with
// one line. Traces start here when OTEL_EXPORTER_OTLP_ENDPOINT is set.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertEnvOrExit } = await import("./lib/env");
  const env = assertEnvOrExit();
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const { startTracing } = await import("./lib/observability/tracing");
    startTracing({ serviceName: env.SERVICE_NAME, endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, delayMs: env.OTEL_BSP_SCHEDULE_DELAY });
  }
  const { assertMasterKeyOrExit } = await import("./lib/crypto/master-key-check");
  await assertMasterKeyOrExit();
}
