// The address rule on the connections provider calls open: real HTTP servers
// on loopback addresses, a resolver that maps made-up host names to them, and
// the production fetch with the rule switched on (private URLs not allowed).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isPrivateAddress, type TResolveHost } from "@/lib/providers/base-url-guard";
import { chat } from "@/lib/providers/chat";
import { ProviderError } from "@/lib/providers/provider-error";
import { createProviderFetch, type TAddressPolicy } from "@/lib/providers/provider-fetch";
import type { TChatRequest } from "@/lib/providers/types";

type TServer = { port: number; hits: () => number; close: () => Promise<void> };

async function listen(host: string, answer: (port: number) => { status: number; headers?: Record<string, string> }): Promise<TServer> {
  let hits = 0;
  let port = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    req.resume();
    const { status, headers } = answer(port);
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify({ error: { message: "internal service" } }));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  port = (server.address() as AddressInfo).port;
  return { port, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// Made-up names only: anything else is not found, so no test reaches real DNS.
const resolver =
  (names: Record<string, string>): TResolveHost =>
  async (hostname) => {
    const address = names[hostname];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return [{ address, family: 4 }];
  };

const call = (baseUrl: string, policy: TAddressPolicy): Promise<unknown> => {
  const request: TChatRequest = {
    vendor: "openai",
    apiKey: "sk-address-rule",
    baseUrl,
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "ping" }],
    timeoutMs: 5_000,
  };
  return chat(request, { fetch: createProviderFetch(policy) }).catch((error: unknown) => error);
};

// A service on the machine's own network that no provider call may reach.
let internal: TServer;
// A provider on 127.0.0.1 that answers every call with a redirect to it.
let redirecting: TServer;
beforeAll(async () => {
  internal = await listen("127.0.0.2", () => ({ status: 500 }));
  redirecting = await listen("127.0.0.1", () => ({ status: 307, headers: { location: `http://127.0.0.2:${internal.port}/v1/chat/completions` } }));
});
afterAll(async () => {
  await Promise.all([internal.close(), redirecting.close()]);
});

// The rule as production has it with ALLOW_PRIVATE_PROVIDER_URLS=false,
// except that the redirecting provider's own address is let through.
const onlyTheProvider: TAddressPolicy = {
  isRefused: (address) => address !== "127.0.0.1" && isPrivateAddress(address),
  resolve: resolver({ "provider.test": "127.0.0.1" }),
};

describe("provider calls under the address rule", () => {
  it("treats a redirect to a loopback address as a network failure, and the redirect target receives nothing", async () => {
    const before = internal.hits();
    const error = await call(`http://provider.test:${redirecting.port}/v1`, onlyTheProvider);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      outcome: "network",
      message: expect.stringContaining("The provider redirected (307) to another address; redirects are not followed"),
    });
    expect(redirecting.hits()).toBeGreaterThan(0);
    expect(internal.hits()).toBe(before);
  });

  it("refuses a host that resolves to a private address at connect time, and that address receives nothing", async () => {
    const before = internal.hits();
    const rebound = resolver({ "provider.test": "127.0.0.2" });
    const error = await call(`http://provider.test:${internal.port}/v1`, { isRefused: isPrivateAddress, resolve: rebound });
    // It names the host that was typed, never the address it resolved to.
    expect(error).toMatchObject({
      outcome: "network",
      message: expect.stringContaining('The provider\'s host "provider.test" resolves to a private or local address'),
    });
    expect((error as Error).message).not.toContain("127.0.0.2");
    expect(internal.hits()).toBe(before);

    // The same call with private addresses allowed does reach it: what kept it out was the rule.
    await call(`http://provider.test:${internal.port}/v1`, { isRefused: () => false, resolve: rebound });
    expect(internal.hits()).toBe(before + 1);
  });

  it("refuses a base URL that names a private IP literal, which never goes through the resolver", async () => {
    const before = internal.hits();
    const error = await call(`http://127.0.0.2:${internal.port}/v1`, { isRefused: isPrivateAddress, resolve: resolver({}) });
    expect(error).toMatchObject({ outcome: "network", message: expect.stringContaining('The provider\'s host "127.0.0.2" is a private or local address') });
    expect(internal.hits()).toBe(before);
  });
});
