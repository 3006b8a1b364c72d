// Entry points (the web's instrumentation, workers) start tracing here: only
// with a collector set is OpenTelemetry's SDK imported at all.
import type { TEnv } from "../env";
import type { TTracing } from "./tracing";

export async function tracingFromEnv(env: TEnv): Promise<TTracing | undefined> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const { startTracing } = await import("./tracing");
  return startTracing({ serviceName: env.SERVICE_NAME, endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, delayMs: env.OTEL_BSP_SCHEDULE_DELAY });
}
