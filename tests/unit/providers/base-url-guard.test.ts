import { describe, expect, it } from "vitest";

import { assertSafeBaseUrl, isCloudMetadataAddress, isPrivateAddress, isRefusedAddress, UnsafeBaseUrlError } from "@/lib/providers/base-url-guard";

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback range"],
    ["10.1.2.3", "10/8"],
    ["172.16.0.1", "172.16/12 start"],
    ["172.31.255.254", "172.16/12 end"],
    ["192.168.1.10", "192.168/16"],
    ["169.254.10.20", "link-local"],
    ["169.254.169.254", "cloud metadata"],
    ["100.64.0.1", "CGNAT start"],
    ["100.127.255.254", "CGNAT end"],
    ["0.0.0.0", "unspecified IPv4"],
    ["::", "unspecified IPv6"],
    ["::1", "IPv6 loopback"],
    ["fc00::1", "unique local"],
    ["fd12:3456::1", "unique local (fd)"],
    ["fd00:ec2::254", "AWS IPv6 metadata"],
    ["fe80::1", "IPv6 link-local"],
    ["febf::1", "IPv6 link-local end"],
    ["fec0::1", "IPv6 site-local (deprecated)"],
    ["feff:ffff::1", "IPv6 site-local end"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
    ["::ffff:a9fe:a9fe", "IPv4-mapped metadata in hex"],
    ["64:ff9b::a00:1", "NAT64 of a private address"],
    ["::ffff:8.8.8.8", "IPv4-mapped, even of a public address"],
    ["::ffff:0:808:808", "IPv4-translated"],
    ["64:ff9b::808:808", "NAT64 well-known prefix, even of a public address"],
    ["64:ff9b:1::a9fe:a9fe", "NAT64 local-use prefix"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
    ["2002:a00:1::1", "6to4"],
  ])("refuses %s (%s)", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    ["8.8.8.8"],
    ["104.18.6.192"],
    ["172.15.255.255"],
    ["172.32.0.1"],
    ["100.63.255.255"],
    ["100.128.0.1"],
    ["169.253.1.1"],
    ["192.169.0.1"],
    ["2606:4700::6810:7c60"],
    ["2001:4860:4860::8888"],
    ["64:ff9c::1"],
  ])("accepts public %s", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it("rejects something that is not an IP address", () => {
    expect(() => isPrivateAddress("example.com")).toThrow(/Not an IP address/);
  });
});

const METADATA_ADDRESSES = [
  ["169.254.169.254", "AWS, GCP, Azure, Oracle, DigitalOcean"],
  ["169.254.170.2", "AWS ECS task credentials"],
  ["169.254.0.23", "Tencent Cloud"],
  ["100.100.100.200", "Alibaba Cloud"],
  ["168.63.129.16", "Azure WireServer, a public address"],
  ["fd00:ec2::254", "AWS IPv6"],
  ["fd20:ce::254", "GCP IPv6"],
  ["fd00:c1::a9fe:a9fe", "Oracle IPv6"],
  ["::ffff:169.254.169.254", "IPv4-mapped"],
  ["::ffff:a9fe:a9fe", "IPv4-mapped in hex"],
  ["64:ff9b::a9fe:a9fe", "NAT64"],
  ["::ffff:0:a9fe:a9fe", "SIIT"],
  ["2002:a9fe:a9fe::1", "6to4"],
  ["64:ff9b::6464:64c8", "NAT64 of Alibaba's"],
] as const;

describe("cloud metadata addresses", () => {
  it.each(METADATA_ADDRESSES)("refuses %s (%s) whether or not private addresses are allowed", (address) => {
    expect(isCloudMetadataAddress(address)).toBe(true);
    expect(isRefusedAddress(address, { allowPrivate: true })).toBe(true);
    expect(isRefusedAddress(address, { allowPrivate: false })).toBe(true);
  });

  it.each(["127.0.0.1", "10.0.0.7", "192.168.1.20", "100.64.0.1", "::1", "fd12:3456::7", "fe80::1", "::ffff:10.0.0.7", "64:ff9b::a00:7"])(
    "lets private %s through only where private addresses are allowed",
    (address) => {
      expect(isCloudMetadataAddress(address)).toBe(false);
      expect(isRefusedAddress(address, { allowPrivate: true })).toBe(false);
      expect(isRefusedAddress(address, { allowPrivate: false })).toBe(true);
    },
  );

  it.each(["8.8.8.8", "168.63.129.17", "2606:4700::6810:7c60"])("lets public %s through", (address) => {
    expect(isRefusedAddress(address, { allowPrivate: false })).toBe(false);
  });
});

describe("assertSafeBaseUrl", () => {
  const refuse = (url: string, message: RegExp) => expect(assertSafeBaseUrl(url, { allowPrivate: false })).rejects.toThrow(message);

  it("accepts a public IP literal and returns the parsed URL", async () => {
    const url = await assertSafeBaseUrl("https://8.8.8.8/v1", { allowPrivate: false });
    expect(url.href).toBe("https://8.8.8.8/v1");
  });

  it("refuses localhost, naming the host but not the addresses it resolved to", async () => {
    const error: unknown = await assertSafeBaseUrl("http://localhost:4010/openai/v1", { allowPrivate: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeBaseUrlError);
    const message = (error as Error).message;
    expect(message).toMatch(/private or local address \(host "localhost"\)/);
    expect(message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it.each([
    "http://127.0.0.1:4010/v1",
    "http://[::1]:8080/v1",
    "http://[fec0::1]/v1",
    "http://10.0.0.5/v1",
    "http://[::ffff:192.168.0.1]/v1",
    "http://0.0.0.0:11434/v1",
    "http://2130706433/v1",
  ])("refuses %s", async (url) => {
    await refuse(url, /^Base URL points at a private or local address/);
  });

  it("allows private addresses when the caller says so", async () => {
    const url = await assertSafeBaseUrl("http://127.0.0.1:11434/v1", { allowPrivate: true });
    expect(url.port).toBe("11434");
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data", "169.254.169.254"],
    ["http://[fd00:ec2::254]/", "fd00:ec2::254"],
    ["http://100.100.100.200/latest/meta-data", "100.100.100.200"],
    ["http://168.63.129.16/machine", "168.63.129.16"],
    ["http://[::ffff:169.254.169.254]/", "::ffff:a9fe:a9fe"],
    ["http://[64:ff9b::a9fe:a9fe]/", "64:ff9b::a9fe:a9fe"],
  ])("refuses the cloud metadata URL %s even when private addresses are allowed", async (url, host) => {
    for (const allowPrivate of [true, false]) {
      await expect(assertSafeBaseUrl(url, { allowPrivate })).rejects.toThrow(
        `Base URL points at a cloud metadata service (host "${host}"), which is never allowed.`,
      );
    }
  });

  it("leaves a name that does not resolve to the connect-time check when private addresses are allowed", async () => {
    const url = await assertSafeBaseUrl("http://models.invalid:11434/v1", { allowPrivate: true });
    expect(url.hostname).toBe("models.invalid");
    await expect(assertSafeBaseUrl("http://models.invalid:11434/v1", { allowPrivate: false })).rejects.toThrow(/could not be resolved/);
  });

  it.each([
    ["not a url", /not a valid URL/],
    ["ftp://8.8.8.8/v1", /must start with http:\/\/ or https:\/\/ \(got ftp:\)/],
    ["file:///etc/passwd", /must start with http/],
    ["https://user:secret@8.8.8.8/v1", /must not contain a user name or password/],
  ])("refuses %s with an actionable message", async (url, message) => {
    await expect(assertSafeBaseUrl(url, { allowPrivate: true })).rejects.toThrow(message);
  });

  it("throws a recognisable error class", async () => {
    await expect(assertSafeBaseUrl("http://127.0.0.1/", { allowPrivate: false })).rejects.toBeInstanceOf(UnsafeBaseUrlError);
  });
});
