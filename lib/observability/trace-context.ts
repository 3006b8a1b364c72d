// The W3C traceparent that ties a turn's worker spans to the API request
// that queued it. It is an id, carried in the turn's job; with tracing off
// (no propagator registered) there is none, and a job without it still runs.
import { type Context, context, propagation, ROOT_CONTEXT } from "@opentelemetry/api";

export function activeTraceparent(): { traceparent?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent } : {};
}

export const contextOf = (traceparent: string | undefined): Context => (traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT);
