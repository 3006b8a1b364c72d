import type { IncomingMessage, ServerResponse } from "node:http";

import type { TSimHttpError } from "./dialect";

// Large enough for long conversations, small enough that a runaway client
// cannot make the simulator buffer without bound.
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: TSimHttpError): void {
  sendJson(res, error.status, error.body, error.headers);
}

const PAD_PIECE = " ".repeat(64 * 1024);

/**
 * The error with its body made `bytes` long by whitespace after the JSON
 * (still valid JSON), written a piece at a time, each once the one before
 * has gone out, so a body of megabytes is never held whole.
 */
export async function sendPaddedError(res: ServerResponse, error: TSimHttpError, bytes: number): Promise<void> {
  const payload = JSON.stringify(error.body);
  const length = Math.max(bytes, Buffer.byteLength(payload));
  res.writeHead(error.status, { ...error.headers, "content-type": "application/json", "content-length": length });
  const write = (chunk: string) => new Promise<void>((resolve) => res.write(chunk, () => resolve()));
  await write(payload);
  for (let left = length - Buffer.byteLength(payload); left > 0 && !res.destroyed; left -= PAD_PIECE.length) {
    await write(left >= PAD_PIECE.length ? PAD_PIECE : PAD_PIECE.slice(0, left));
  }
  res.end();
}

/**
 * Waits `ms`, or less if the client goes away first; true when the full time
 * passed. The timer is cleared on disconnect so an abandoned slow call holds
 * nothing open.
 */
export function pause(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(true);
    }, ms);
    res.once("close", onClose);
  });
}
