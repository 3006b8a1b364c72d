// The web process: a node:http server on one port, with Next's request
// handler behind it (`npm run web`, `npm start`; `--dev` for `npm run dev`).
// It is the one process that sees the client's socket, so it stamps the
// peer address on every request before any handler runs (peer-stamp.mjs):
// the sign-in limits count real addresses without a proxy in front.
// Plain JavaScript: a TypeScript loader would hook every module Next loads
// and cost the web about 100 MB.
import "dotenv/config";

import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";

import pino from "pino";

import { stampRequest } from "./peer-stamp.mjs";

const dev = process.argv.includes("--dev");
// As `next start` and `next dev` do: Next reads it as its modules load.
process.env.NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

const log = pino({ level: process.env.LOG_LEVEL || "info", base: { service: process.env.SERVICE_NAME || "web" } });
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || undefined;
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error("Configuration error: PORT is invalid: must be a port number (1-65535). See the configuration table in README.md.");
  process.exit(1);
}
// A stopping web lets requests in flight finish for this long, then exits anyway.
const STOP_GRACE_MS = 10_000;
// Known to this process alone: no one else can make a stamp it keeps.
const stampKey = randomBytes(32);

const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), hostname: host ?? "localhost", port });
await app.prepare();
const handleWithNext = app.getRequestHandler();

// A handler answers the requests it takes (true) and leaves the others to
// the next one; Next's, last, takes them all. The agent API's own handler
// (issue 24) goes in front of it.
const handlers = [
  async (req, res) => {
    await handleWithNext(req, res);
    return true;
  },
];

async function serve(req, res) {
  stampRequest(stampKey, req);
  for (const handler of handlers) if (await handler(req, res)) return;
}

const server = createServer((req, res) => {
  serve(req, res).catch((err) => {
    log.error({ err: { message: err instanceof Error ? err.message : String(err) }, url: req.url }, "request failed");
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
  });
});
server.on("error", (err) => {
  log.fatal({ err: { message: err.message }, port, host }, "web could not listen");
  process.exit(1);
});
server.listen(port, host, () => log.info({ port, host: host ?? "*", dev }, "web ready"));

// Stops taking connections and lets the requests in flight finish; open
// streams (the Chat tab's, the API's) would hold it for ever, so the stop is
// bounded. A second signal (Ctrl-C under npm sends two) changes nothing.
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "web stopping");
  setTimeout(() => {
    log.warn({ graceMs: STOP_GRACE_MS }, "web stop timed out: open requests were cut");
    process.exit(1);
  }, STOP_GRACE_MS).unref();
  await new Promise((resolve) => server.close(() => resolve()));
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
