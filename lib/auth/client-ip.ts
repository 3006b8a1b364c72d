import { isIP } from "node:net";

import { env } from "../env";
import { log } from "../log";

// web/server.mjs writes this header on every request, "<address> <mac>":
// the connection's address, in place of any header of that name the client
// sent, and a MAC that only lets a request Next sends to itself keep its
// client's address (web/peer-stamp.mjs). Next's route handlers never see the
// socket, so this is how the address reaches them.
export const PEER_HEADER = "x-understudy-peer";

// Every client whose address cannot be told shares this one allowance.
export const UNKNOWN_CLIENT = "unknown";

// One allowance per IPv4 address and per IPv6 /64: a host on an IPv6 network
// may take any of its 2^64 addresses, so one address per attempt would
// escape every limit.
export function addressKey(address: string): string | null {
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  return `${ipv6Prefix64(address)}::/64`;
}

// The first four groups of a valid IPv6 address, "::" expanded.
function ipv6Prefix64(address: string): string {
  const [head = "", tail] = (address.split("%")[0] ?? "").split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // A dotted IPv4 ending fills the last two groups.
  const rightSize = right.length + (right.at(-1)?.includes(".") ? 1 : 0);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - rightSize).fill("0"), ...right];
  return groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":");
}

let warnedUnstamped = false;

// The client's address as the sign-in, sign-up and password-change limits
// count it. Without TRUSTED_PROXY it is the peer web/server.mjs stamped. Behind a
// proxy the peer is the proxy, and the client is the last X-Forwarded-For
// entry, the one the proxy appended (the entries before it are the client's
// own writing).
export function clientIp(headers: Headers, trustedProxy = env().TRUSTED_PROXY): string {
  const peer = headers.get(PEER_HEADER)?.split(" ")[0];
  if (!peer && !warnedUnstamped) {
    warnedUnstamped = true;
    log.warn("a request reached the app without the peer address web/server.mjs stamps: serve the web with `npm run web`, not `next start`");
  }
  const forwarded = trustedProxy ? headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() : undefined;
  const address = forwarded && isIP(forwarded) ? forwarded : peer;
  return (address && addressKey(address)) ?? UNKNOWN_CLIENT;
}
