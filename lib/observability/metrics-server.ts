// A worker's /metrics: a small HTTP server beside the queue processors.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { metricsReply } from "./metrics-endpoint";

export type TMetricsServer = { port: number; close: () => Promise<void> };

export async function startMetricsServer({ host, port, token }: { host: string; port: number; token: string }): Promise<TMetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0];
    if (request.method !== "GET" || path !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    metricsReply(request.headers.authorization, token).then(
      ({ status, headers, body }) => response.writeHead(status, headers).end(body),
      () => response.writeHead(500, { "content-type": "text/plain" }).end("Metrics could not be collected"),
    );
  });
  // A scraper that stalls must not hold a connection for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
