// The OpenAI-compatible API's routes, counted by route template and status,
// each request a span (the root of a turn's trace when it queues one).
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

import { metrics } from "./metrics";

// `route` is the template ("/api/v1/turns/{id}"), never the raw path.
export function observedRoute<A extends unknown[]>(route: string, handler: (request: Request, ...rest: A) => Promise<Response>) {
  return (request: Request, ...rest: A): Promise<Response> =>
    trace
      .getTracer("understudy")
      .startActiveSpan(
        `${request.method} ${route}`,
        { kind: SpanKind.SERVER, attributes: { "http.request.method": request.method, "http.route": route } },
        async (span) => {
          let status = 500;
          try {
            const response = await handler(request, ...rest);
            status = response.status;
            return response;
          } finally {
            metrics().apiResponses.inc({ route, status: String(status) });
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
          }
        },
      );
}
