// The connect-time rule as Node's socket calls it: the lookup a connection
// asks for its addresses. Called directly, so no socket is ever opened, even
// if the rule were broken.
import type { LookupAddress } from "node:dns";

import { describe, expect, it } from "vitest";

import { isPrivateAddress, isRefusedAddress } from "@/lib/providers/base-url-guard";
import { REFUSED_ADDRESS } from "@/lib/providers/error-map";
import { createProviderFetch, guardedLookup } from "@/lib/providers/provider-fetch";

type TLookupResult = { error: (Error & { code?: string }) | null; addresses: string | LookupAddress[] };

const lookUp = (answers: LookupAddress[], options: { all?: boolean; family?: number } = { all: true }, isRefused = isPrivateAddress) =>
  new Promise<TLookupResult>((resolve) => {
    const lookup = guardedLookup({ isRefused, resolve: async () => answers });
    lookup("provider.test", options, (error, addresses) => resolve({ error, addresses }));
  });

// The rule of an instance that allows private provider URLs (self-hosted models, the demo).
const privateAllowed = (address: string) => isRefusedAddress(address, { allowPrivate: true });

describe("the connect-time lookup", () => {
  it.each([
    ["64:ff9b::a00:1", "NAT64 of a private address"],
    ["64:ff9b::808:808", "NAT64 of a public address"],
    ["64:ff9b:1::a00:1", "local-use NAT64"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:8.8.8.8", "IPv4-mapped public address"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
  ])("refuses a host that resolves to %s (%s), naming the host and not the address", async (address) => {
    const { error } = await lookUp([{ address, family: 6 }]);
    expect(error).toMatchObject({ code: REFUSED_ADDRESS, message: expect.stringContaining('The provider\'s host "provider.test" resolves to a private') });
    expect(error?.message).not.toContain(address);
  });

  it.each([
    ["169.254.169.254", "the metadata address of AWS, GCP, Azure and others, metadata.google.internal's", 4],
    ["169.254.170.2", "AWS ECS task credentials", 4],
    ["100.100.100.200", "Alibaba Cloud's metadata", 4],
    ["fd00:ec2::254", "AWS's IPv6 metadata", 6],
    ["::ffff:169.254.169.254", "IPv4-mapped metadata", 6],
    ["64:ff9b::a9fe:a9fe", "NAT64 of the metadata address", 6],
  ])("refuses a host that resolves to %s (%s) even where private addresses are allowed", async (address, _what, family) => {
    const { error } = await lookUp([{ address, family }], { all: true }, privateAllowed);
    expect(error).toMatchObject({
      code: REFUSED_ADDRESS,
      message: 'The provider\'s host "provider.test" resolves to a cloud metadata address, which provider calls may never reach',
    });
  });

  it("hands private addresses to the socket where they are allowed", async () => {
    const answers = [
      { address: "10.0.0.7", family: 4 },
      { address: "fd12:3456::7", family: 6 },
    ];
    expect(await lookUp(answers, { all: true }, privateAllowed)).toEqual({ error: null, addresses: answers });
  });

  it("refuses the host when any of its addresses is private, even behind a public one", async () => {
    const { error } = await lookUp([
      { address: "8.8.8.8", family: 4 },
      { address: "100.100.100.200", family: 4 },
    ]);
    expect(error).toMatchObject({ code: REFUSED_ADDRESS });
  });

  it("hands public addresses to the socket, all of them or the first of the wanted family", async () => {
    const answers = [
      { address: "2606:4700::6810:7c60", family: 6 },
      { address: "104.18.6.192", family: 4 },
    ];
    expect(await lookUp(answers)).toEqual({ error: null, addresses: answers });
    expect(await lookUp(answers, { family: 4 })).toEqual({ error: null, addresses: "104.18.6.192" });
  });

  it("takes a URL, not a Request from another fetch", async () => {
    const fetch = createProviderFetch({ isRefused: () => true });
    await expect(fetch(new Request("http://provider.test/"))).rejects.toThrow("A provider call takes a URL, not a Request");
  });
});
