import { env } from "@/lib/env";
import { metricsReply } from "@/lib/observability/metrics-endpoint";
import { registerStateGauges } from "@/lib/observability/state-gauges";

export const dynamic = "force-dynamic";

// Prometheus scrapes the web here with `Authorization: Bearer <METRICS_TOKEN>`;
// without the setting the route does not exist (404).
export async function GET(request: Request) {
  registerStateGauges();
  const { status, headers, body } = await metricsReply(request.headers.get("authorization"), env().METRICS_TOKEN);
  return new Response(body, { status, headers });
}
