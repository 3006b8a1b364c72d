// The webhook signature: HMAC-SHA256 under the channel's secret over
// "<timestamp>.<body>", sent as `X-Understudy-Signature: t=<timestamp>,v1=<hex>`.
// The timestamp (Unix seconds) lets a receiver refuse a replayed request.
import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "X-Understudy-Signature";

export function signatureHeader({ secret, timestamp, body }: { secret: string; timestamp: number; body: string }): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}
