// The connect-time rule as Node's socket calls it: the lookup a connection
// asks for its addresses. Called directly, so no socket is ever opened, even
// if the rule were broken.
import type { LookupAddress } from "node:dns";

import { describe, expect, it } from "vitest";

import { isPrivateAddress } from "@/lib/providers/base-url-guard";
import { REFUSED_ADDRESS } from "@/lib/providers/error-map";
import { createProviderFetch, guardedLookup } from "@/lib/providers/provider-fetch";

type TLookupResult = { error: (Error & { code?: string }) | null; addresses: string | LookupAddress[] };

const lookUp = (answers: LookupAddress[], options: { all?: boolean; family?: number } = { all: true }) =>
  new Promise<TLookupResult>((resolve) => {
    const lookup = guardedLookup({ isRefused: isPrivateAddress, resolve: async () => answers });
    lookup("provider.test", options, (error, addresses) => resolve({ error, addresses }));
  });

describe("the connect-time lookup", () => {
  it.each([
    ["64:ff9b::a9fe:a9fe", "NAT64 of the metadata address"],
    ["64:ff9b::808:808", "NAT64 of a public address"],
    ["64:ff9b:1::a00:1", "local-use NAT64"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:8.8.8.8", "IPv4-mapped public address"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
  ])("refuses a host that resolves to %s (%s)", async (address) => {
    const { error } = await lookUp([{ address, family: 6 }]);
    expect(error).toMatchObject({ code: REFUSED_ADDRESS, message: expect.stringContaining(`(${address})`) });
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
