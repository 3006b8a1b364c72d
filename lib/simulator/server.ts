// The simulated provider server: real OpenAI, Anthropic and Gemini wire
// formats over plain HTTP on a local port, so the production adapters can be
// exercised without the internet or real keys.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { keyHint } from "../crypto/key-hint";
import { anthropicDialect } from "./anthropic";
import { handleControl } from "./control";
import type { TDialect } from "./dialect";
import { geminiDialect } from "./gemini";
import { handleVendorCall } from "./handle-vendor";
import { readBody, sendJson } from "./http-util";
import { openAiDialect } from "./openai";
import { createSimState, type TSimState } from "./stats";

export type TSimulator = { url: string; port: number; close(): Promise<void> };
type TSimulatorOptions = { port?: number; host?: string };

const DIALECTS: TDialect[] = [openAiDialect, anthropicDialect, geminiDialect];

async function route(req: IncomingMessage, res: ServerResponse, state: TSimState): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator");
  const { pathname, searchParams } = url;
  if (req.method === "GET" && pathname === "/_stats") {
    // ?key= gives that key's counts; the listing names keys by their hints only.
    const key = searchParams.get("key");
    return sendJson(res, 200, key === null ? state.stats() : { key: keyHint(key), calls: state.callsOf(key) });
  }
  if (req.method === "GET" && pathname === "/_health") return sendJson(res, 200, { ok: true });
  if (req.method === "GET" && pathname === "/_last-request") {
    const last = state.lastRequest(searchParams.get("key") ?? "");
    return last ? sendJson(res, 200, last) : sendJson(res, 404, { error: "No request seen for that key" });
  }
  // The bodies a key sent, oldest first (see REQUEST_LOG_LIMITS); a key never seen sent none.
  if (req.method === "GET" && pathname === "/_requests") {
    return sendJson(
      res,
      200,
      state.requests(searchParams.get("key") ?? "").map((request) => request.body),
    );
  }
  if (req.method === "GET" && pathname === "/_timeline") {
    const timeline = state.timeline(searchParams.get("key") ?? "");
    return timeline ? sendJson(res, 200, timeline) : sendJson(res, 404, { error: "No request seen for that key" });
  }
  if (req.method === "POST" && pathname === "/_control/reset") {
    state.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (req.method === "POST" && pathname === "/_control") return handleControl(await readBody(req), res, state);
  for (const dialect of DIALECTS) {
    const match = dialect.route(pathname, searchParams);
    if (!match) continue;
    if (req.method !== "POST") return sendJson(res, 405, { error: `Use POST for ${pathname}` });
    return handleVendorCall({ dialect, route: match, req, res, query: searchParams, state });
  }
  sendJson(res, 404, { error: `No simulated endpoint at ${req.method} ${pathname}` });
}

export async function startSimulator(options: TSimulatorOptions = {}): Promise<TSimulator> {
  const host = options.host ?? "127.0.0.1";
  const state = createSimState();
  const server = createServer((req, res) => {
    route(req, res, state).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      sendJson(res, 500, { error: error instanceof Error ? error.message : "simulator failure" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Held requests (sim-timeout, sim-slow) and idle keep-alive sockets
        // would otherwise keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}
