// The header web/server.mjs writes on every request it accepts: the
// connection's address, then a MAC under a key only that process holds, in
// place of any header of that name the client sent. Next's route handlers
// never see the socket, so this is how the address reaches them
// (lib/auth/client-ip.ts reads it). The MAC lets a request Next sends to
// itself over loopback (a server action forwarded to the page that has it,
// the page an action redirects to, both carrying the original headers) keep
// the address of the client it serves; nobody else can make one.
import { createHmac, timingSafeEqual } from "node:crypto";

export const PEER_HEADER = "x-understudy-peer";

const mac = (key, address) => createHmac("sha256", key).update(address).digest("base64url");

export function stampPeer(key, address) {
  return `${address} ${mac(key, address)}`;
}

// The stamp's address when `key` made it, or null (forged, or absent).
export function verifiedPeer(key, stamp) {
  const [address, given, ...rest] = typeof stamp === "string" ? stamp.split(" ") : [];
  if (!address || !given || rest.length > 0) return null;
  const expected = Buffer.from(mac(key, address));
  const received = Buffer.from(given);
  return received.length === expected.length && timingSafeEqual(received, expected) ? address : null;
}

// Keeps a stamp this process made; any other value becomes the socket's address.
export function stampRequest(key, req) {
  if (verifiedPeer(key, req.headers[PEER_HEADER])) return;
  req.headers[PEER_HEADER] = stampPeer(key, req.socket.remoteAddress ?? "");
}
