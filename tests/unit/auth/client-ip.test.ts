import { randomBytes } from "node:crypto";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { addressKey, clientIp, PEER_HEADER, UNKNOWN_CLIENT } from "@/lib/auth/client-ip";

type TRequest = { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } };
type TPeerStamp = {
  PEER_HEADER: string;
  stampPeer: (key: Buffer, address: string) => string;
  verifiedPeer: (key: Buffer, stamp: unknown) => string | null;
  stampRequest: (key: Buffer, req: TRequest) => void;
};
// The web's entry point is plain JavaScript (web/server.mjs), outside the TypeScript project.
const stamps = (await import(path.resolve(import.meta.dirname, "../../../web/peer-stamp.mjs"))) as TPeerStamp;

const key = randomBytes(32);
const stamped = (address: string, extra: Record<string, string> = {}) => new Headers({ [PEER_HEADER]: stamps.stampPeer(key, address), ...extra });
const request = (remoteAddress: string, headers: TRequest["headers"] = {}): TRequest => ({ headers, socket: { remoteAddress } });

describe("peer stamp", () => {
  it("replaces whatever a client wrote in the header with the connection's address", () => {
    for (const forged of ["192.0.2.66", "192.0.2.66 forged-mac", ["192.0.2.66", "192.0.2.67"]]) {
      const req = request("198.51.100.7", { [PEER_HEADER]: forged });
      stamps.stampRequest(key, req);
      expect(clientIp(new Headers({ [PEER_HEADER]: String(req.headers[PEER_HEADER]) }), false)).toBe("198.51.100.7");
    }
  });

  it("keeps a stamp its own process made (a request Next sends to itself), and only that", () => {
    const forwarded = request("127.0.0.1", { [PEER_HEADER]: stamps.stampPeer(key, "198.51.100.7") });
    stamps.stampRequest(key, forwarded);
    expect(forwarded.headers[PEER_HEADER]).toBe(stamps.stampPeer(key, "198.51.100.7"));
    const [, mac] = stamps.stampPeer(key, "198.51.100.7").split(" ");
    for (const forged of [stamps.stampPeer(randomBytes(32), "198.51.100.7"), `203.0.113.9 ${mac}`, `${stamps.stampPeer(key, "198.51.100.7")} extra`]) {
      expect(stamps.verifiedPeer(key, forged)).toBeNull();
    }
  });

  it("uses the header name the app reads", () => {
    expect(stamps.PEER_HEADER).toBe(PEER_HEADER);
  });
});

describe("clientIp", () => {
  it("is the stamped peer, whatever X-Forwarded-For a client wrote, unless TRUSTED_PROXY is set", () => {
    expect(clientIp(stamped("198.51.100.7"), false)).toBe("198.51.100.7");
    expect(clientIp(stamped("198.51.100.7", { "x-forwarded-for": "203.0.113.9" }), false)).toBe("198.51.100.7");
  });

  it("behind a trusted proxy takes the address the proxy appended, not one the client wrote before it", () => {
    expect(clientIp(stamped("10.0.0.2", { "x-forwarded-for": "203.0.113.7" }), true)).toBe("203.0.113.7");
    expect(clientIp(stamped("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.2" }), true)).toBe("198.51.100.2");
    // No header, or a last entry that is no address: the proxy's own address.
    expect(clientIp(stamped("10.0.0.2"), true)).toBe("10.0.0.2");
    expect(clientIp(stamped("10.0.0.2", { "x-forwarded-for": "1.2.3.4, not-an-address" }), true)).toBe("10.0.0.2");
  });

  it("counts every client it cannot tell apart as one", () => {
    expect(clientIp(new Headers(), false)).toBe(UNKNOWN_CLIENT);
    expect(clientIp(stamped("not-an-address"), false)).toBe(UNKNOWN_CLIENT);
  });
});

describe("addressKey", () => {
  it("keeps an IPv4 address, also when written IPv4-mapped", () => {
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });

  it("groups an IPv6 address by its /64, however it is written", () => {
    const network = "2001:db8:0:1::/64";
    expect(addressKey("2001:db8:0:1:aaaa:bbbb:cccc:dddd")).toBe(network);
    expect(addressKey("2001:DB8:0:1::9")).toBe(network);
    expect(addressKey("2001:db8::1:0:0:0:1")).toBe(network);
    expect(addressKey("2001:db8:0:1::5%eth0")).toBe(network);
    expect(addressKey("2001:db8:0:2::5")).not.toBe(network);
    expect(addressKey("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
  });

  it("answers null for what is not an address", () => {
    expect(addressKey("")).toBeNull();
    expect(addressKey("example.com")).toBeNull();
  });
});
