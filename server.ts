// The web process: a node:http server on one port, with Next's request
// handler behind it (`npm run web`, `npm start`; `--dev` for `npm run dev`).
// It is the one process that sees the client's socket, so it stamps the peer
// address on every request before any handler runs (lib/auth/client-ip.ts):
// the sign-in limits count real addresses without a proxy in front.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

import { PEER_HEADER, stampPeer, verifiedPeer } from "./lib/auth/client-ip";
import { assertInfraEnvOrExit } from "./lib/env";
import { log } from "./lib/log";

const dev = process.argv.includes("--dev");
// As `next start` and `next dev` do: Next reads it as its modules load (its
// types call it read-only to keep apps from changing it later).
(process.env as Record<string, string | undefined>).NODE_ENV ??= dev ? "development" : "production";
const { default: next } = await import("next");

const { PORT, HOST } = assertInfraEnvOrExit();
// A stopping web lets requests in flight finish for this long, then exits anyway.
const STOP_GRACE_MS = 10_000;
// Known to this process alone: no one else can make a stamp it keeps.
const stampKey = randomBytes(32);

// A request Next sends to itself carries the stamp of the client it serves,
// which is kept; any other value is replaced by this socket's address.
function stamp(req: IncomingMessage) {
  const given = req.headers[PEER_HEADER];
  if (typeof given === "string" && verifiedPeer(stampKey, given)) return;
  req.headers[PEER_HEADER] = stampPeer(stampKey, req.socket.remoteAddress ?? "");
}

// A handler answers the requests it takes (true) and leaves the others to
// the next one; Next's, last, takes them all. The agent API's own handler
// (issue 24) goes in front of it.
type THandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const app = next({ dev, dir: import.meta.dirname, hostname: HOST ?? "localhost", port: PORT });
await app.prepare();
const handleWithNext = app.getRequestHandler();
const handlers: THandler[] = [
  async (req, res) => {
    await handleWithNext(req, res);
    return true;
  },
];

async function serve(req: IncomingMessage, res: ServerResponse) {
  stamp(req);
  for (const handler of handlers) if (await handler(req, res)) return;
}

const server = createServer((req, res) => {
  serve(req, res).catch((err: unknown) => {
    log.error({ err: { message: err instanceof Error ? err.message : String(err) }, url: req.url }, "request failed");
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
  });
});
server.on("error", (err) => {
  log.fatal({ err: { message: err.message }, port: PORT, host: HOST }, "web could not listen");
  process.exit(1);
});
server.listen(PORT, HOST, () => log.info({ port: PORT, host: HOST ?? "*", dev }, "web ready"));

// Stops taking connections and lets the requests in flight finish; open
// streams (the Chat tab's, the API's) would hold it for ever, so the stop is
// bounded. A second signal (Ctrl-C under npm sends two) changes nothing.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "web stopping");
  setTimeout(() => {
    log.warn({ graceMs: STOP_GRACE_MS }, "web stop timed out: open requests were cut");
    process.exit(1);
  }, STOP_GRACE_MS).unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
