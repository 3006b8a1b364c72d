// One answer to a metrics scrape, for the web's route and each worker's
// server: only a request bearing METRICS_TOKEN is served.
import { createHash, timingSafeEqual } from "node:crypto";

import { metrics } from "./metrics";

export type TMetricsAccess = "ok" | 401 | 404;

// No token configured: the endpoint does not exist. Both sides are hashed
// first, so the comparison takes the same time whatever their lengths.
export function metricsAccess(authorization: string | null | undefined, token: string | undefined): TMetricsAccess {
  if (!token) return 404;
  const sent = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(sent), digest(token)) ? "ok" : 401;
}

export type TMetricsReply = { status: number; headers: Record<string, string>; body: string };

export async function metricsReply(authorization: string | null | undefined, token: string | undefined): Promise<TMetricsReply> {
  const access = metricsAccess(authorization, token);
  const headers = { "cache-control": "no-store" };
  if (access === 404) return { status: 404, headers: { ...headers, "content-type": "text/plain" }, body: "Not found" };
  if (access === 401) return { status: 401, headers: { ...headers, "content-type": "text/plain", "www-authenticate": "Bearer" }, body: "Unauthorized" };
  const { registry } = metrics();
  return { status: 200, headers: { ...headers, "content-type": registry.contentType }, body: await registry.metrics() };
}
