import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { addressKey, clientIp, PEER_HEADER, stampPeer, UNKNOWN_CLIENT, verifiedPeer } from "@/lib/auth/client-ip";

const key = randomBytes(32);
const stamped = (address: string, extra: Record<string, string> = {}) => new Headers({ [PEER_HEADER]: stampPeer(key, address), ...extra });

describe("peer stamp", () => {
  it("is kept only when this key made it, so a client cannot write one the server keeps", () => {
    expect(verifiedPeer(key, stampPeer(key, "198.51.100.7"))).toBe("198.51.100.7");
    expect(verifiedPeer(key, stampPeer(randomBytes(32), "198.51.100.7"))).toBeNull();
    expect(verifiedPeer(key, "198.51.100.7")).toBeNull();
    const [, mac] = stampPeer(key, "198.51.100.7").split(" ");
    expect(verifiedPeer(key, `203.0.113.9 ${mac}`)).toBeNull();
    expect(verifiedPeer(key, `${stampPeer(key, "198.51.100.7")} extra`)).toBeNull();
    expect(verifiedPeer(key, undefined)).toBeNull();
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
