// OpenTelemetry's SDK, loaded only by an entry point that has
// OTEL_EXPORTER_OTLP_ENDPOINT set (a dynamic import): otherwise the app's
// spans go to the API's no-op tracer and nothing is exported.
import { context, propagation, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";

export type TTracing = { shutdown: () => Promise<void> };

// `endpoint` is the collector's base URL; spans go to its /v1/traces as JSON.
export function startTracing({ serviceName, endpoint, delayMs }: { serviceName: string; endpoint: string; delayMs: number }): TTracing {
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces`, timeoutMillis: 10_000 });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: delayMs })],
  });
  // Registers the W3C trace-context propagator and the async context manager with it.
  provider.register();
  return {
    // Sends the spans still waiting, then lets the API fall back to its no-op tracer.
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
